import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OverturnError } from '../../src/index.js';

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

/**
 * Where `actual` differs from the partial expectation: objects match key by key (extra actual keys are
 * fine), arrays element by element with equal length, everything else by strict equality.
 */
export function partialDiff(expected: unknown, actual: unknown, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((item, index) => partialDiff(item, actual[index], `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      partialDiff(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** Runs one case: the answer, or an OverturnError as `{ error: { code, path, issues } }` (path of the first issue). */
export function answerOrError(run: (input: never) => unknown, input: unknown): unknown {
  try {
    return run(input as never);
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    return { error: { code: error.code, path: error.issues[0]?.path, issues: error.issues } };
  }
}
