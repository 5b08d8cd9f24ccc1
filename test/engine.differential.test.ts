import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Condition, conditionSchema, type FactDefinition } from '../src/engine/conditions.js';
import {
  compileRules,
  type DecisionRule,
  evaluateIndexedRules,
  evaluateRules,
  indexRules,
} from '../src/engine/decisionRules.js';
import { ReferenceEngine } from '../src/engine/referenceEngine.js';

// A fact registry covering every fact type and therefore every operator the compiler implements.
const FACTS = {
  stage: { type: 'string', values: ['a', 'b', 'c'], description: 'enum string' },
  note: { type: 'string', description: 'free string' },
  count: { type: 'number', description: 'number' },
  flag: { type: 'boolean', description: 'boolean' },
  tags: { type: 'string[]', values: ['x', 'y', 'z'], description: 'list' },
} as const satisfies Record<string, FactDefinition>;

const stageValue = fc.constantFrom('a', 'b', 'c');
const tagValue = fc.constantFrom('x', 'y', 'z');
const countValue = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true }));

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    fact: fc.constant('stage'),
    operator: fc.constantFrom('equal', 'notEqual'),
    value: stageValue,
  }),
  fc.record({
    fact: fc.constant('stage'),
    operator: fc.constantFrom('in', 'notIn'),
    value: fc.array(stageValue, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    fact: fc.constant('note'),
    operator: fc.constantFrom('equal', 'notEqual'),
    value: fc.constantFrom('', 'p', 'q'),
  }),
  fc.record({
    fact: fc.constant('count'),
    operator: fc.constantFrom(
      'equal',
      'notEqual',
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
    ),
    value: countValue,
  }),
  fc.record({
    fact: fc.constant('flag'),
    operator: fc.constantFrom('equal', 'notEqual'),
    value: fc.boolean(),
  }),
  fc.record({
    fact: fc.constant('tags'),
    operator: fc.constantFrom('contains', 'doesNotContain'),
    value: tagValue,
  }),
) as fc.Arbitrary<Condition>;

const { tree } = fc.letrec<{ tree: Condition }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('tree') }),
  ),
}));
const root = fc.oneof(
  fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 3 }) }),
  fc.record({ any: fc.array(tree, { minLength: 1, maxLength: 3 }) }),
  fc.record({ not: tree }),
) as fc.Arbitrary<Condition>;

const facts = fc.record({
  stage: stageValue,
  note: fc.constantFrom('', 'p', 'q'),
  count: countValue,
  flag: fc.boolean(),
  tags: fc.uniqueArray(tagValue, { maxLength: 3 }),
});

const schema = conditionSchema(FACTS);

function asRules(conditions: Condition[], priorities: number[]): DecisionRule<null>[] {
  return conditions.map((condition, index) => ({
    id: `r${index}`,
    priority: priorities[index % priorities.length] ?? 1,
    conditions: condition,
    event: null,
    citation: 'test',
    sourceUrl: 'https://example.org',
    verifiedOn: '2026-11-25',
    status: 'confirmed',
  }));
}

describe('compiled conditions agree with json-rules-engine', () => {
  it('generated conditions are valid rule-set conditions', () => {
    fc.assert(
      fc.property(root, (condition) => {
        expect(schema.safeParse(condition).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('fires exactly the same rules on random rules and random facts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(root, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(facts, { minLength: 1, maxLength: 5 }),
        async (conditions, priorities, factSets) => {
          const rules = asRules(conditions, priorities);
          const compiled = compileRules(rules);
          const reference = new ReferenceEngine(rules);
          for (const factSet of factSets) {
            const fromCompiled = evaluateRules(compiled, factSet)
              .map((rule) => rule.id)
              .sort();
            const fromReference = (await reference.evaluate(factSet)).sort();
            expect(fromCompiled).toEqual(fromReference);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the indexed evaluation fires the same rules in the same order as the plain one', () => {
    // Rules whose top-level `all` starts with a contains or equal leaf are the indexed kind: make them common.
    const needing = fc
      .tuple(leaf, fc.array(tree, { maxLength: 2 }))
      .map(([first, rest]) => ({ all: [first, ...rest] }) as Condition);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(root, needing), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(facts, { minLength: 1, maxLength: 5 }),
        (conditions, priorities, factSets) => {
          const compiled = compileRules(asRules(conditions, priorities));
          const indexed = indexRules(compiled);
          for (const factSet of factSets)
            expect(evaluateIndexedRules(indexed, factSet).map((rule) => rule.id)).toEqual(
              evaluateRules(compiled, factSet).map((rule) => rule.id),
            );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('orders fired rules by priority, then file order, as json-rules-engine runs them', () => {
    const always = { all: [{ fact: 'flag', operator: 'notEqual', value: 'never' as never }] } as Condition;
    const rules = asRules([always, always, always], [1, 5, 5]);
    expect(evaluateRules(compileRules(rules), { flag: true }).map((rule) => rule.id)).toEqual([
      'r1',
      'r2',
      'r0',
    ]);
  });

  it('applies effective dates: a rule outside its dates does not fire', () => {
    const always = { all: [{ fact: 'flag', operator: 'equal', value: true }] } as Condition;
    const [rule] = asRules([always], [1]);
    const dated = { ...(rule as DecisionRule<null>), effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' };
    const compiled = compileRules([dated]);
    expect(evaluateRules(compiled, { flag: true }, '2025-12-31')).toEqual([]);
    expect(evaluateRules(compiled, { flag: true }, '2026-01-01')).toEqual([dated]);
    expect(evaluateRules(compiled, { flag: true }, '2027-01-01')).toEqual([]);
    // Without a date the law as it now stands applies, and this rule has ended.
    expect(evaluateRules(compiled, { flag: true })).toEqual([]);
  });
});
