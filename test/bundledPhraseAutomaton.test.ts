/**
 * The build builds the bundled phrases' automaton once (tsup.config.ts → src/_lib/bundledPhraseAutomaton.ts)
 * with `phraseAutomaton`; the classifier restored from it must answer exactly as the one that builds it on
 * first use, and a restored automaton must be the built one, array for array.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyWith } from '../src/classifyDenial/index.js';
import { compileClassification, phraseAutomaton, phraseForms } from '../src/classifyDenial/ruleData.js';
import { createDenialNormalizer } from '../src/classifyDenial/textRules.js';
import { type PhraseAutomatonParts, PhraseMatcher } from '../src/engine/phraseMatcher.js';
import { IssueCollector } from '../src/engine/ruleSet.js';
import { loadFixtures } from './_helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, 'rules', path), 'utf8'));
const manifest = read('manifest.json');
const files = manifest.domains.classification;

function compile(automaton?: PhraseAutomatonParts) {
  const issues = new IssueCollector();
  const classification = compileClassification(files, read, issues, automaton);
  issues.throwIfAny();
  return { ref: { id: manifest.id, version: manifest.version }, classification: classification as never };
}

describe('the phrase automaton built at build time', () => {
  const rows = read(files.phrases).rows;
  const normalizer = createDenialNormalizer(read(files.abbreviations).rows);
  const forms = phraseForms(rows, normalizer);
  // Through JSON, as the build ships it.
  const automaton = JSON.parse(JSON.stringify(phraseAutomaton(rows, normalizer))) as PhraseAutomatonParts;

  it('holds one entry per phrase and proximity term, as Porter2 stems', () => {
    const phrases: string[] = rows.flatMap((row: { phrases?: string[] }) => row.phrases ?? []);
    expect(automaton.entries).toBe(forms.length);
    expect(forms.length).toBeGreaterThan(phrases.length);
    // Porter2 by hand: failure → failur, preauthorize → preauthor (-ize), necessary → necessari (y → i).
    expect(forms[phrases.indexOf('failure to preauthorize')]).toBe('failur to preauthor');
    expect(forms[phrases.indexOf('not medically necessary')]).toBe('not medic necessari');
    // The state a phrase ends at spells it, walking up to the root: "not medic necessari".
    const spelt: string[] = [];
    let state = automaton.endsAt[phrases.indexOf('not medically necessary')] as number;
    while (state > 0) {
      spelt.unshift(automaton.words[automaton.word[state - 1] as number] as string);
      state -= automaton.parentGap[state - 1] as number;
    }
    expect(spelt.join(' ')).toBe('not medic necessari');
  });

  it('restores to the automaton built on first use, array for array', () => {
    const entries = forms.map((phrase, index) => ({ phrase, payload: index }));
    const built = new PhraseMatcher(entries);
    const restored = new PhraseMatcher(entries, automaton);
    expect(restored.parts()).toEqual(built.parts());
    for (const field of [
      'rootNext',
      'transitions',
      'transitionMask',
      'stateParent',
      'stateWord',
      'lengths',
      'endsAt',
      'payloads',
      'failOf',
      'outputLinkOf',
      'outputStart',
      'outputList',
      'trieChildren',
      'trieWord',
    ]) {
      expect((restored as never)[field], field).toEqual((built as never)[field]);
    }
  });

  it('gives the same answers as building it on first use, on every denial fixture', () => {
    const restored = compile(automaton);
    const runtime = compile();
    for (const fixture of loadFixtures('denials')) {
      expect(classifyWith(restored, fixture.input as never)).toEqual(
        classifyWith(runtime, fixture.input as never),
      );
    }
  });

  it('is ignored when it does not fit the rows (a caller’s rule set): the automaton is built then', () => {
    const stale = compile({ ...automaton, entries: automaton.entries - 1 });
    const runtime = compile();
    const input = { text: 'The requested service is not medically necessary.' };
    expect(classifyWith(stale, input)).toEqual(classifyWith(runtime, input));
  });
});

describe('PhraseMatcher restored from its parts', () => {
  const word = fc.constantFrom('not', 'medically', 'necessary', 'prior', 'auth', 'denied', 'the', 'plan');
  const phrase = fc.array(word, { minLength: 0, maxLength: 4 }).map((words) => words.join(' '));

  it('finds what the built one finds, with its phrases spelt from its words', () => {
    fc.assert(
      fc.property(
        fc.array(phrase, { minLength: 1, maxLength: 12 }),
        fc.array(word, { maxLength: 40 }),
        (phrases, text) => {
          const entries = phrases.map((item, index) => ({ phrase: item, payload: index }));
          const built = new PhraseMatcher(entries);
          const restored = new PhraseMatcher(entries, JSON.parse(JSON.stringify(built.parts())));
          const occurrences = (matcher: PhraseMatcher<number>) => {
            const found: number[][] = [];
            matcher.forEachMatch(text.join(' '), (payload, start, end) => found.push([payload, start, end]));
            return found;
          };
          expect(occurrences(restored)).toEqual(occurrences(built));
          expect(restored.findAll(text.join(' '))).toEqual(built.findAll(text.join(' ')));
        },
      ),
    );
  });

  it('refuses parts made for other entries', () => {
    const parts = new PhraseMatcher([{ phrase: 'not covered', payload: 1 }]).parts();
    expect(() => new PhraseMatcher([], parts)).toThrow(RangeError);
  });
});
