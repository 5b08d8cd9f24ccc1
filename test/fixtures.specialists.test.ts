import { describe, expect, it } from 'vitest';
import { defaultRuleSetSource, recommendSpecialist } from '../src/index.js';
import { answerOrError, loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('specialists');

const run = (input: unknown) => answerOrError(recommendSpecialist, input);

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
