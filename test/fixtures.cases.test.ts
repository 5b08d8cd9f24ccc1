import { describe, expect, it } from 'vitest';
import { answerOfAsync } from '../src/cli/fixtureSuite.js';
import { analyzeCase, PLAN_TYPES } from '../src/index.js';
import { createReferenceOverturn } from '../src/reference.js';
import { answerOrError, loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('cases');
const reference = createReferenceOverturn();

/** The reference engine's answer in the same shape as `answerOrError`. */
const referenceAnswer = (input: unknown) => answerOfAsync(() => reference.analyzeCase(input as never));

describe('fixtures/cases: whole cases through the compiled engine and json-rules-engine', () => {
  it('has at least 25 uniquely named cases covering every plan type', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    expect(new Set(fixtures.map((fixture) => fixture.name)).size).toBe(fixtures.length);
    const planTypes = new Set(fixtures.map((fixture) => (fixture.input as { planType?: string }).planType));
    expect(PLAN_TYPES.filter((planType) => !planTypes.has(planType))).toEqual([]);
  });

  it.each(fixtures.map((fixture) => [`${fixture.file}: ${fixture.name}`, fixture] as const))(
    '%s',
    async (_, fixture) => {
      const compiled = answerOrError(analyzeCase, fixture.input);
      // The two engines must agree on everything, not only on what the fixture checks.
      expect(await referenceAnswer(fixture.input)).toEqual(compiled);
      expect(partialDiff(fixture.expect, compiled)).toEqual([]);
    },
  );
});
