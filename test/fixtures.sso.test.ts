import { describe, expect, it } from 'vitest';
import { OverturnError, requiresSecondSurgicalOpinion } from '../src/index.js';
import { loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('sso');

/** Runs a case: the answer, or the error as `{ error: { code, path, issues } }`. */
function run(input: unknown): unknown {
  try {
    return requiresSecondSurgicalOpinion(input as never);
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    return { error: { code: error.code, path: error.issues[0]?.path, issues: error.issues } };
  }
}

describe('fixtures/sso', () => {
  it('has at least 25 uniquely named cases', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    expect(new Set(fixtures.map((fixture) => fixture.name)).size).toBe(fixtures.length);
  });

  it.each(fixtures.map((fixture) => [`${fixture.file}: ${fixture.name}`, fixture] as const))(
    '%s',
    (_, fixture) => {
      expect(partialDiff(fixture.expect, run(fixture.input))).toEqual([]);
    },
  );
});
