import { describe, expect, it } from 'vitest';
import { computeAppealDeadline } from '../src/index.js';
import { answerOrError, loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('deadlines');

const run = (input: unknown) => answerOrError(computeAppealDeadline, input);

describe(`fixtures/deadlines (TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('has at least 60 uniquely named cases', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
    expect(new Set(fixtures.map((fixture) => fixture.name)).size).toBe(fixtures.length);
  });

  it.each(fixtures.map((fixture) => [`${fixture.file}: ${fixture.name}`, fixture] as const))(
    '%s',
    (_, fixture) => {
      expect(partialDiff(fixture.expect, run(fixture.input))).toEqual([]);
    },
  );
});
