import { describe, expect, it } from 'vitest';
import { requiresSecondSurgicalOpinion } from '../src/index.js';
import { answerOrError, loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('sso');

const run = (input: unknown) => answerOrError(requiresSecondSurgicalOpinion, input);

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
