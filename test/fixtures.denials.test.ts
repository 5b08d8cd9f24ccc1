import { describe, expect, it } from 'vitest';
import { classifyDenial } from '../src/index.js';
import { createReferenceOverturn } from '../src/reference.js';
import { loadFixtures, partialDiff } from './_helpers/fixtures.js';

const fixtures = loadFixtures('denials');
const reference = createReferenceOverturn();

describe('fixtures/denials through the compiled engine and json-rules-engine', () => {
  it('has at least 80 uniquely named cases', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
    expect(new Set(fixtures.map((fixture) => fixture.name)).size).toBe(fixtures.length);
  });

  it.each(fixtures.map((fixture) => [`${fixture.file}: ${fixture.name}`, fixture] as const))(
    '%s',
    async (_, fixture) => {
      const compiled = classifyDenial(fixture.input as never);
      const oracle = await reference.classifyDenial(fixture.input as never);
      // The two engines must agree on everything, not only on what the fixture checks.
      expect(compiled).toEqual(oracle);
      expect(partialDiff(fixture.expect, compiled)).toEqual([]);
    },
  );
});
