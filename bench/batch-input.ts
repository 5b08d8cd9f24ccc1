/**
 * Writes N cases as NDJSON for `overturn batch`: the example cases and the inputs of fixtures/cases (those
 * that analyse without an error), cycled, each copy with all of its dates shifted by up to ±2 years.
 * Run: npx tsx bench/batch-input.ts 1000000 /tmp/cases.ndjson
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCase, OverturnError } from '../src/index.js';

const [count = '100000', file = '/tmp/cases.ndjson'] = process.argv.slice(2);
const total = Number(count);
if (!Number.isInteger(total) || total < 0) throw new Error(`usage: batch-input.ts <count> <file.ndjson>`);

const root = join(import.meta.dirname, '..');
const jsonIn = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(folder, name))
    : [];
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const samples: Record<string, unknown>[] = [
  ...(jsonIn(join(root, 'examples')).map(read) as Record<string, unknown>[]),
  ...jsonIn(join(root, 'fixtures', 'cases')).flatMap((path) => {
    const parsed = read(path);
    return (Array.isArray(parsed) ? parsed : [parsed]).map(
      (fixture) => (fixture as { input: Record<string, unknown> }).input,
    );
  }),
].filter((input) => {
  try {
    analyzeCase(input as never);
    return true;
  } catch (error) {
    if (error instanceof OverturnError) return false;
    throw error;
  }
});

const DAY = 86_400_000;
function shiftDate(date: unknown, days: number): unknown {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function shifted(input: Record<string, unknown>, days: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const key of ['noticeDate', 'receivedDate', 'asOf'])
    if (key in out) out[key] = shiftDate(out[key], days);
  if (out.denial && typeof out.denial === 'object') {
    const denial = { ...(out.denial as Record<string, unknown>) };
    if ('asOf' in denial) denial.asOf = shiftDate(denial.asOf, days);
    out.denial = denial;
  }
  return out;
}

const out = createWriteStream(file);
let bytes = 0;
for (let index = 0; index < total; index++) {
  const sample = samples[index % samples.length] as Record<string, unknown>;
  const line = `${JSON.stringify(shifted(sample, ((index * 37) % 1461) - 730))}\n`;
  bytes += Buffer.byteLength(line);
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
process.stderr.write(
  `${file}: ${total} cases (${samples.length} samples cycled), ${(bytes / 1e6).toFixed(1)} MB\n`,
);
