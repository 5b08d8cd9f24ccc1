/**
 * The build normalises the bundled phrases once (tsup.config.ts → src/_lib/bundledPhraseForms.ts) with
 * `phraseForms`; the classifier built from those forms must answer exactly as the one that normalises them
 * itself on first use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyWith } from '../src/classifyDenial/index.js';
import { compileClassification, phraseForms } from '../src/classifyDenial/ruleData.js';
import { createDenialNormalizer } from '../src/classifyDenial/textRules.js';
import { IssueCollector } from '../src/engine/ruleSet.js';
import { loadFixtures } from './_helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, 'rules', path), 'utf8'));
const manifest = read('manifest.json');
const files = manifest.domains.classification;

function compile(forms?: readonly string[]) {
  const issues = new IssueCollector();
  const classification = compileClassification(files, read, issues, forms);
  issues.throwIfAny();
  return { ref: { id: manifest.id, version: manifest.version }, classification: classification as never };
}

describe('the phrases normalised at build time', () => {
  const rows = read(files.phrases).rows;
  const forms = phraseForms(rows, createDenialNormalizer(read(files.abbreviations).rows));

  it('are one per phrase and proximity term, in the automaton’s order, as Porter2 stems', () => {
    const phrases: string[] = rows.flatMap((row: { phrases?: string[] }) => row.phrases ?? []);
    expect(forms.length).toBeGreaterThan(phrases.length);
    // Porter2 by hand: failure → failur, preauthorize → preauthor (-ize), necessary → necessari (y → i).
    expect(forms[phrases.indexOf('failure to preauthorize')]).toBe('failur to preauthor');
    expect(forms[phrases.indexOf('not medically necessary')]).toBe('not medic necessari');
  });

  it('give the same answers as normalising on first use, on every denial fixture', () => {
    const built = compile(forms);
    const runtime = compile();
    for (const fixture of loadFixtures('denials')) {
      expect(classifyWith(built, fixture.input as never)).toEqual(
        classifyWith(runtime, fixture.input as never),
      );
    }
  });

  it('are ignored when they do not fit the rows (a caller’s rule set): the phrases are normalised then', () => {
    const stale = compile(forms.slice(1));
    const runtime = compile();
    const input = { text: 'The requested service is not medically necessary.' };
    expect(classifyWith(stale, input)).toEqual(classifyWith(runtime, input));
  });
});
