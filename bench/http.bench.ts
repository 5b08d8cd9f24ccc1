/**
 * `overturn serve` under load, on loopback only, bounded in time: autocannon posts the same example case to
 * `/v1/analyze` (and a denial to `/v1/classify`) for a few seconds with 10 connections, paired in each round
 * with a bare Hono endpoint that answers `{}` through the same server stack, the floor the framework sets.
 * Requests per second and p99 latency, medians over the rounds. Nothing leaves the machine.
 *
 *   npx tsx bench/http.bench.ts [seconds per run]
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { serveHttp } from '../src/cli/httpServer.js';

const seconds = Number(process.argv[2] ?? 4);
const rounds = 3;
const root = join(import.meta.dirname, '..');
const knee = readFileSync(join(root, 'examples/knee-replacement-necessity.json'), 'utf8');

const server = await serveHttp({ version: 'bench', today: () => '2026-12-02', host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const floor = new Hono().post('/', (c) => c.json({}));
const bare = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const listening = serve({ fetch: floor.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening));
});
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

const load = (url: string, body: string) =>
  autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 10,
    duration: seconds,
  });

const results: Record<string, { rps: number[]; p99: number[] }> = {};
const note = (name: string, result: autocannon.Result) => {
  results[name] ??= { rps: [], p99: [] };
  results[name].rps.push(result.requests.average);
  results[name].p99.push(result.latency.p99);
  if (result.non2xx) throw new Error(`${name}: ${result.non2xx} answers were not 2xx`);
};
for (let round = 0; round < rounds; round++) {
  note('POST /v1/analyze (example case)', await load(`${base}/v1/analyze`, knee));
  note('POST /v1/classify (CO-50, N115)', await load(`${base}/v1/classify`, '{"codes":["CO-50","N115"]}'));
  note('bare Hono endpoint (floor)', await load(bareUrl, '{}'));
}
server.close();
bare.close();

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log(
  `overturn serve on loopback: ${rounds} rounds of ${seconds} s, 10 connections, Node ${process.version}`,
);
for (const [name, { rps, p99 }] of Object.entries(results))
  console.log(
    `  ${name.padEnd(34)} ${Math.round(median(rps)).toLocaleString('en-US')} req/s (range ${Math.round(Math.min(...rps))}–${Math.round(Math.max(...rps))}), p99 ${median(p99)} ms`,
  );
