/**
 * Scores computeAppealDeadline on the frozen held-out deadline set (test/held-out/deadlines.json): cases
 * worked out by hand from the primary text by someone who did not see the rules. The set is never used to
 * tune rules; this script only measures. `npm run heldout` (or `tsx scripts/held-out.ts <src dir>` to
 * score another checkout's source).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface HeldOutCase {
  name: string;
  input: Record<string, unknown>;
  expect: { deadline: string };
  rule: string;
}

const root = join(import.meta.dirname, '..');
const srcDir = resolve(process.argv[2] ?? join(root, 'src'));
const cases: HeldOutCase[] = JSON.parse(readFileSync(join(root, 'test/held-out/deadlines.json'), 'utf8'));
const { computeAppealDeadline } = await import(pathToFileURL(join(srcDir, 'index.ts')).href);

let right = 0;
const misses: string[] = [];
for (const item of cases) {
  let got: string;
  try {
    got = computeAppealDeadline(item.input).deadline;
  } catch (error) {
    got = `error: ${(error as Error).message.split('\n')[0]}`;
  }
  if (got === item.expect.deadline) right++;
  else {
    const early = got < item.expect.deadline ? 'early' : 'LATE';
    misses.push(
      `- ${item.name}: expected ${item.expect.deadline}, got ${got}${got.startsWith('error') ? '' : ` (${early})`}`,
    );
  }
}
console.log([`held-out deadlines: ${right}/${cases.length} right`, ...misses].join('\n'));
