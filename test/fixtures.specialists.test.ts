import { describe, expect, it } from 'vitest';
import { defaultRuleSetSource, OverturnError, recommendSpecialist } from '../src/index.js';
import { loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('specialists');

/** Runs a case: the answer, or the error as `{ error: { code, path, issues } }`. */
function run(input: unknown): unknown {
  try {
    return recommendSpecialist(input as never);
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    return { error: { code: error.code, path: error.issues[0]?.path, issues: error.issues } };
  }
}

describe('fixtures/specialists', () => {
  it('has at least 60 uniquely named cases', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
    expect(new Set(fixtures.map((fixture) => fixture.name)).size).toBe(fixtures.length);
  });

  it('covers every condition area of the rule set', () => {
    const areas = (defaultRuleSetSource.files['specialists/areas.json'] as { rows: { id: string }[] }).rows;
    const covered = new Set(
      fixtures.map((fixture) => (fixture.expect as { area?: { id?: string } }).area?.id).filter(Boolean),
    );
    expect(areas.map((area) => area.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(fixtures.map((fixture) => [`${fixture.file}: ${fixture.name}`, fixture] as const))(
    '%s',
    (_, fixture) => {
      expect(partialDiff(fixture.expect, run(fixture.input))).toEqual([]);
    },
  );
});
