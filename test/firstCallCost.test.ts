/**
 * What a first call builds of the bundled specialist rules (issue 16: first call): the condition and procedure
 * phrase automata are built when a call first reads a condition or a treatment in words, and the ICD-10-CM index
 * file is read when a condition is first searched, so a call that routes by code builds and parses neither; an
 * automaton's character trie is built once text read as characters adds up to what building it reads, which
 * the classifier never does. The classifier reads its phrase rows and restores their automaton on its first
 * text: codes alone need neither.
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
const { compileClassification } = await import('../src/classifyDenial/ruleData.js');
const { classifyWith } = await import('../src/classifyDenial/index.js');
const { BUNDLED_PHRASE_AUTOMATON } = await import('../src/_lib/bundledPhraseAutomaton.js');

const { default: manifest } = await import('../rules/manifest.json');
const files: Parameters<typeof compileSpecialists>[0] = manifest.domains.specialists;
let reads: string[] = [];

/** One domain of the bundled rules compiled with the given check, counting the files it reads in `reads`. */
function compileCounting<Rules>(
  check: 'trust' | 'validate',
  compile: (
    read: (path: string) => unknown,
    collector: InstanceType<typeof IssueCollector>,
  ) => Rules | undefined,
): Rules {
  const collector = new IssueCollector(check);
  const rules = compile((path) => {
    reads.push(path);
    return readBundled(defaultRuleSetSource.files[path]);
  }, collector);
  collector.throwIfAny();
  if (!rules) throw new Error('the bundled rules did not compile');
  return rules;
}

/** The bundled specialist rules compiled as the package compiles them (trusted), counting the files read. */
function compileBundled(check: 'trust' | 'validate') {
  const specialists = compileCounting(check, (read, collector) => compileSpecialists(files, read, collector));
  return { ref: DEFAULT_RULE_SET_REF, specialists };
}

beforeEach(() => {
  built.length = 0;
  reads = [];
});

describe('a first call builds only what it reads (bundled specialist rules)', () => {
  it('routes a code without building an automaton or reading the ICD-10-CM index file', () => {
    const ruleSet = compileBundled('trust');
    expect(reads).not.toContain(files.conditionIndex);
    expect(recommend(ruleSet, { icd10: ['M17.11'] }).subspecialty?.taxonomyCode).toBe('207XS0114X');
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

describe('a first call builds only what it reads (bundled classification rules)', () => {
  const classificationFiles: Parameters<typeof compileClassification>[0] = manifest.domains.classification;
  const automaton = readBundled(BUNDLED_PHRASE_AUTOMATON) as Parameters<typeof compileClassification>[3];
  const compileClassifier = (check: 'trust' | 'validate') => {
    const classification = compileCounting(check, (read, collector) =>
      compileClassification(classificationFiles, read, collector, automaton),
    );
    return { ref: DEFAULT_RULE_SET_REF, classification };
  };

  it('classifies codes without reading the phrases or restoring their automaton; the first text does, once', () => {
    const ruleSet = compileClassifier('trust');
    expect(classifyWith(ruleSet, { codes: ['CO-50'] }).category).toBe('medical_necessity');
    expect(reads).not.toContain(classificationFiles.phrases);
    expect(reads).not.toContain(classificationFiles.abbreviations);
    expect(built).toEqual([]);
    expect(classifyWith(ruleSet, { text: 'NOT MED NEC' }).category).toBe('medical_necessity');
    expect(classifyWith(ruleSet, { text: 'Not covered: out of network.' }).category).toBe('out_of_network');
    expect(reads.filter((path) => path === classificationFiles.phrases)).toHaveLength(1);
    expect(built).toHaveLength(1);
  });

  it('says so when a trusted phrase file is missing, on the first text that needs it', () => {
    const collector = new IssueCollector('trust');
    const classification = compileClassification(
      classificationFiles,
      (path) =>
        path === classificationFiles.phrases ? undefined : readBundled(defaultRuleSetSource.files[path]),
      collector,
      automaton,
    );
    collector.throwIfAny();
    if (!classification) throw new Error('the bundled rules did not compile');
    const ruleSet = { ref: DEFAULT_RULE_SET_REF, classification };
    expect(classifyWith(ruleSet, { codes: ['CO-50'] }).category).toBe('medical_necessity');
    expect(() => classifyWith(ruleSet, { text: 'Not medically necessary.' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_RULE_SET',
        issues: [expect.objectContaining({ file: classificationFiles.phrases })],
      }),
    );
  });

  it('compiles a caller’s phrases when it compiles, so that their problems show then', () => {
    compileClassifier('validate');
    expect(reads).toContain(classificationFiles.phrases);
    expect(built).toHaveLength(1);
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
    // Text read as characters builds it once as much has been read as the trie would read to be built (the
    // vocabulary's characters): a few short questions read their words one by one instead; then once.
    const ruleSet = compileBundled('trust');
    recommend(ruleSet, { condition: 'heart attack' });
    recommend(ruleSet, { condition: 'broken hip' });
    expect(buildTrie).not.toHaveBeenCalled();
    const long = 'a heart attack and a broken hip '.repeat(4000);
    expect(recommend(ruleSet, { condition: long }).area.id).toBe(
      recommend(ruleSet, { condition: 'heart attack and a broken hip' }).area.id,
    );
    recommend(ruleSet, { condition: long });
    expect(buildTrie).toHaveBeenCalledTimes(1);
  });
});
