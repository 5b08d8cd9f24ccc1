import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { Validator } from '@seriousme/openapi-schema-validator';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, serveHttp } from '../src/cli/httpServer.js';
import { analyzeCase, classifyDenial } from '../src/index.js';

const root = join(import.meta.dirname, '..');
const example = (name: string) => JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));

/** `overturn serve` over real HTTP on loopback (an ephemeral port). */
describe('overturn serve', () => {
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    server = await serveHttp({ version: '0.1.0', today: () => '2026-12-02', host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });
  const post = (path: string, body: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers the example cases with the same JSON as the library', async () => {
    for (const name of [
      'knee-replacement-necessity',
      'medicare-redetermination',
      'missing-prior-authorization',
    ]) {
      const input = example(name);
      const response = await post('/v1/analyze', JSON.stringify(input));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(JSON.parse(JSON.stringify(analyzeCase(input))));
    }
    const classified = await post('/v1/classify', '{"codes":["CO-50","N115"]}');
    expect(await classified.json()).toEqual(
      JSON.parse(JSON.stringify(classifyDenial({ codes: ['CO-50', 'N115'] }))),
    );
  });

  it('sends a letter as a PDF when asked for application/pdf, and as JSON otherwise', async () => {
    const body = JSON.stringify({
      case: example('knee-replacement-necessity'),
      kind: 'complaint',
      parties: { patient: { name: 'Jane Doe' } },
    });
    const pdf = await fetch(`${base}/v1/letter`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf' },
      body,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const page = mupdf.Document.openDocument(bytes, 'application/pdf').loadPage(0);
    const text = page.toStructuredText('preserve-whitespace').asText();
    expect(text).toContain('Complaint about a denied health insurance claim');
    expect(text).toContain('To: Texas Department of Insurance');
    const json = (await (await post('/v1/letter', body)).json()) as { kind: string };
    expect(json.kind).toBe('regulator_complaint');
  });

  it('dates a deadline by the rule: Medicare, notice 2026-01-02, received +5 days, 120 days = 2026-05-07', async () => {
    const response = await post('/v1/deadline', '{"planType":"medicare_original","noticeDate":"2026-01-02"}');
    const answer = (await response.json()) as { deadline: string; asOf?: string };
    expect(answer.deadline).toBe('2026-05-07');
  });

  it('refuses bad input with a 400 and the issue paths, and bad JSON', async () => {
    const refused = await post('/v1/classify', '{"codes":["CO-50","hello"]}');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      code: 'INVALID_INPUT',
      issues: [
        {
          path: ['codes', 1],
          message: '"hello" is not a CARC or RARC code (expected forms like CO-50, 50, PR-204, N115, MA130)',
        },
      ],
    });
    const nested = await post(
      '/v1/letter',
      '{"case":{"denial":{"codes":["CO-50"]},"planType":"fehb"},"kind":"x"}',
    );
    expect(nested.status).toBe(400);
    const paths = ((await nested.json()) as { issues: { path: unknown[] }[] }).issues.map(
      (issue) => issue.path,
    );
    expect(paths).toContainEqual(['kind']);
    const notJson = await post('/v1/classify', '{"codes": [');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe('INVALID_JSON');
    const unknown = await fetch(`${base}/v2/nothing`);
    expect(unknown.status).toBe(404);
  });

  it('serves /healthz and an OpenAPI 3.1 document that validates', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', version: '0.1.0' });
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/v1/analyze');
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is called by the Python example of docs/ (standard library only)', async () => {
    const { spawn } = await import('node:child_process');
    const run = (...file: string[]) =>
      new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn('python3', [join(root, 'docs/examples/overturn_client.py'), base, ...file]);
        let stdout = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout }));
      });
    const { mkdtempSync, readFileSync: readBytes, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(join(tmpdir(), 'overturn-py-'));
    const pdf = join(folder, 'appeal.pdf');
    const knee = await run(join(root, 'examples/knee-replacement-necessity.json'), pdf);
    expect(knee.status).toBe(0);
    expect(knee.stdout).toContain(`appeal letter: ${pdf}`);
    expect(readBytes(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Received 2026-10-06 + 180 days (29 CFR 2560.503-1(h)(3)(i)) = 2027-04-04.
    expect(knee.stdout).toContain('denial: medical_necessity (clinical)');
    expect(knee.stdout).toContain('appeal by: 2027-04-04 (internal_appeal;');
    const bad = join(folder, 'bad.json');
    writeFileSync(bad, '{"denial":{"codes":["CO-50"]},"planType":"fehb","noticeDate":"2026-02-30"}');
    const refused = await run(bad);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe(
      'refused (400): INVALID_INPUT\n  noticeDate: expected a real calendar date as YYYY-MM-DD\n',
    );
  });

  // Last: the server closes a connection whose body it refused unread, as servers do.
  it('refuses a body over the limit with a 413', async () => {
    const huge = await post('/v1/classify', JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('BODY_TOO_LARGE');
  });
});
