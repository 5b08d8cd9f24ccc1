import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLI } from './_helpers/cli.js';

const root = join(import.meta.dirname, '..');

/**
 * The contract stream processors rely on (docs/streaming.md): `overturn batch -` reads NDJSON on stdin and
 * writes one answer line per non-blank input line on stdout, in input order, each naming its line, in memory
 * that does not grow with the input.
 */
describe('overturn batch - : the stdin/stdout contract', () => {
  it('answers 1,000,000 lines one for one, in order, in flat memory', async () => {
    const LINES = 1_000_000;
    // Records that are refused fast (an empty object, a word that is not JSON), so that a million lines take
    // seconds: the contract is about the stream, not the analysis.
    const input = Readable.from(
      (function* () {
        for (let line = 1; line <= LINES; line += 1000) {
          let chunk = '';
          for (let n = line; n < line + 1000; n++) chunk += n % 2 ? '{}\n' : 'x\n';
          yield chunk;
        }
      })(),
    );
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'peak-rss-kb=%M', process.execPath, CLI, 'batch', '-', '--no-progress'],
      { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    input.pipe(child.stdin);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    let count = 0;
    let inOrder = true;
    const codes = new Set<string>();
    for await (const line of createInterface({ input: child.stdout })) {
      count++;
      const answer = JSON.parse(line) as { line: number; error: { code: string } };
      if (answer.line !== count) inOrder = false;
      codes.add(answer.error.code);
    }
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(count).toBe(LINES);
    expect(inOrder).toBe(true);
    expect([...codes].sort()).toEqual(['INVALID_INPUT', 'INVALID_JSON']);
    expect(status).toBe(1); // records with an error line
    expect(stderr).toContain('overturn batch: 1000000 records, 1000000 with an error');
    const rss = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1]);
    // One thread and the rule set loaded (the built CLI): measured 147 MB on 2026-12-07 (223 MB through tsx, 210-260 MB
    // before); a leak of one small line per record would add hundreds of megabytes.
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(400 * 1024);
  }, 180_000);

  it('runs the recipe of docs/streaming.md: partitions answered apart and joined back in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overturn-recipe-'));
    const example = readFileSync(join(root, 'examples/knee-replacement-necessity.json'), 'utf8').replace(
      /\n/g,
      '',
    );
    const lines = Array.from({ length: 9 }, (_, index) => (index === 4 ? 'x' : example));
    writeFileSync(join(dir, 'cases.ndjson'), `${lines.join('\n')}\n`);
    const script = readFileSync(join(root, 'docs/streaming.md'), 'utf8').match(/```sh\n([\s\S]*?)```/)?.[1];
    expect(script).toBeDefined();
    // The built CLI (test/_helpers/cli.ts), run by the recipe's $OVERTURN.
    const wrapper = join(dir, 'overturn.sh');
    writeFileSync(wrapper, `exec "${process.execPath}" "${CLI}" "$@"\n`);
    const result = spawnSync('bash', ['-c', script as string], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, OVERTURN: `sh "${wrapper}"`, PARTS: '3' },
    });
    expect(result.status, result.stderr).toBe(0);
    const answers = readFileSync(join(dir, 'answers.ndjson'), 'utf8').trim().split('\n');
    expect(answers).toHaveLength(9);
    expect(answers.map((line) => (JSON.parse(line) as { line: number }).line)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(JSON.parse(answers[4] as string).error.code).toBe('INVALID_JSON');
  }, 60_000);
});
