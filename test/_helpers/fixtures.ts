import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeDifference, partialDifferences } from '../../src/cli/compare.js';
import { answerOf } from '../../src/cli/fixtureSuite.js';

/** One analyst fixture: an input and a partial expectation of the answer. */
export interface Fixture {
  name: string;
  input: unknown;
  expect: unknown;
  file: string;
}

const root = join(import.meta.dirname, '..', '..', 'fixtures');

/** Loads every fixture of a domain (`fixtures/<domain>/*.json`, one case or an array per file). */
export function loadFixtures(domain: string): Fixture[] {
  const dir = join(root, domain);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const cases = Array.isArray(parsed) ? parsed : [parsed];
      return cases.map((item) => ({ ...(item as Omit<Fixture, 'file'>), file: `${domain}/${name}` }));
    });
}

/** Where `actual` differs from the partial expectation, one line per difference (see `partialDifferences`). */
export function partialDiff(expected: unknown, actual: unknown): string[] {
  return partialDifferences(expected, actual).map((difference) => describeDifference(difference));
}

/** Runs one case: the answer, or an OverturnError as `{ error: { code, path, issues } }` (path of the first issue). */
export function answerOrError(run: (input: never) => unknown, input: unknown): unknown {
  return answerOf(() => run(input as never));
}
