/**
 * What a first call builds of the bundled specialist rules (issue 16: first call): the condition and procedure
 * phrase automata are built when a call first reads a condition or a treatment in words, and the ICD-10-CM index
 * file is read when a condition is first searched, so a call that routes by code builds and parses neither; an
 * automaton's character trie is built when text is first read as characters, which the classifier never does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const built: string[] = [];

vi.mock('../src/engine/phraseMatcher.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/engine/phraseMatcher.js')>();
  class CountedPhraseMatcher<Payload> extends real.PhraseMatcher<Payload> {
    constructor(...args: ConstructorParameters<typeof real.PhraseMatcher<Payload>>) {
      super(...args);
      built.push(`${args[0].length} phrases`);
    }
  }
  return { ...real, PhraseMatcher: CountedPhraseMatcher };
});

const { defaultRuleSetSource, DEFAULT_RULE_SET_REF } = await import('../src/_lib/defaultRuleSet.js');
const { readBundled } = await import('../src/_lib/lazyJson.js');
const { IssueCollector } = await import('../src/engine/ruleSet.js');
const { compileSpecialists } = await import('../src/recommendSpecialist/ruleData.js');
const { recommend } = await import('../src/recommendSpecialist/recommend.js');
const { PhraseMatcher } = await import('../src/engine/phraseMatcher.js');
const { classifyDenial } = await import('../src/index.js');

const { default: manifest } = await import('../rules/manifest.json');
const files: Parameters<typeof compileSpecialists>[0] = manifest.domains.specialists;
let reads: string[] = [];

/** The bundled specialist rules compiled as the package compiles them (trusted), counting the files read. */
function compileBundled(check: 'trust' | 'validate') {
  const collector = new IssueCollector(check);
  const rules = compileSpecialists(
    files,
    (path) => {
      reads.push(path);
      return readBundled(defaultRuleSetSource.files[path]);
    },
    collector,
  );
  collector.throwIfAny();
  if (!rules) throw new Error('the bundled specialist rules did not compile');
  return { ref: DEFAULT_RULE_SET_REF, specialists: rules };
}

beforeEach(() => {
  built.length = 0;
  reads = [];
});

describe('a first call builds only what it reads (bundled specialist rules)', () => {
  it('routes a code without building an automaton or reading the ICD-10-CM index file', () => {
    const ruleSet = compileBundled('trust');
    expect(reads).not.toContain(files.conditionIndex);
    expect(recommend(ruleSet, { icd10: ['M17.11'] }).specialty.taxonomyCode).toBe('207XS0114X');
    expect(built).toEqual([]);
    expect(reads).not.toContain(files.conditionIndex);
  });

  it('builds the procedure automaton on the first treatment in words, once', () => {
    const ruleSet = compileBundled('trust');
    recommend(ruleSet, { icd10: ['M17.11'], procedure: 'total knee arthroplasty' });
    expect(built).toHaveLength(1);
    recommend(ruleSet, { procedure: 'lumbar fusion' });
    expect(built).toHaveLength(1);
    // A condition in words builds the other one; neither is built again.
    expect(recommend(ruleSet, { condition: 'heart attack' }).area.id).toBe('cardiac');
    expect(built).toHaveLength(2);
    expect(reads).not.toContain(files.conditionIndex);
  });

  it('reads the ICD-10-CM index file on the first search, once', () => {
    const ruleSet = compileBundled('trust');
    // No phrase names it: the index is searched (I49, Other cardiac arrhythmias).
    const answer = recommend(ruleSet, { condition: 'heart rhythm problem' });
    expect(answer.evidence[0]?.ruleId).toBe('icd10cm.I49');
    recommend(ruleSet, { condition: 'kidney infection' });
    expect(reads.filter((path) => path === files.conditionIndex)).toHaveLength(1);
  });

  it('validates a caller’s index file when it compiles, as before', () => {
    compileBundled('validate');
    expect(reads).toContain(files.conditionIndex);
  });
});

describe('the character trie of an automaton', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is not built to classify a letter (the classifier hands the automaton word ids)', () => {
    const buildTrie = vi.spyOn(PhraseMatcher.prototype as unknown as { buildTrie: () => void }, 'buildTrie');
    const answer = classifyDenial({
      text: 'The requested knee replacement is not medically necessary: conservative treatment was not tried.',
    });
    expect(answer.category).toBe('medical_necessity');
    expect(buildTrie).not.toHaveBeenCalled();
    // Text read as characters builds it, once per automaton.
    const ruleSet = compileBundled('trust');
    recommend(ruleSet, { condition: 'heart attack' });
    recommend(ruleSet, { condition: 'broken hip' });
    expect(buildTrie).toHaveBeenCalledTimes(1);
  });
});
