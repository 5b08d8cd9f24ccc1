/**
 * Lists every word of a phrase or proximity term (rules/classification/phrases.json) whose stem, as the denial
 * reader computes it, is also the stem of another word of the corpus or the development set that is not one of its
 * plain inflections: "terminally" and "terminated", "utilized" and "utilization". Most pairs mean the same thing;
 * the ones that do not make a row read a letter it was not written for, and are worth a sentence or two of testing
 * (docs/classifyDenial.md, session of 2026-12-05). Each line: the phrase word, its stem, the other words (and how
 * often each occurs).
 *
 *   npx tsx scripts/stem-audit.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { abbreviationTableSchema, createDenialNormalizer } from '../src/classifyDenial/textRules.js';
import { tokenize } from '../src/engine/phraseMatcher.js';
import { inflects } from './inflection.js';
import { printLines } from './print-lines.js';
import { loadExamples } from './train-classifier.js';

const root = join(import.meta.dirname, '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const normalizer = createDenialNormalizer(
  abbreviationTableSchema.parse(readJson('rules/classification/abbreviations.json')).rows,
);
const stemOf = (word: string) => normalizer.normalizePhrase(word).join(' ');

// The corpus's examples, as the model is trained on them, and the development set's wordings.
const texts = [
  ...loadExamples().examples.map((example) => example.text),
  ...(readJson('test/dev/denials.json') as { text: string }[]).map((row) => row.text),
];

const counts = new Map<string, number>();
for (const text of texts) for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
const wordsByStem = new Map<string, string[]>();
for (const word of counts.keys()) {
  const stem = stemOf(word);
  wordsByStem.set(stem, [...(wordsByStem.get(stem) ?? []), word]);
}

const phraseWords = new Set<string>();
for (const row of readJson('rules/classification/phrases.json').rows as {
  phrases?: string[];
  near?: { terms: string[][] }[];
}[]) {
  const wordings = [...(row.phrases ?? []), ...(row.near ?? []).flatMap((pattern) => pattern.terms.flat())];
  for (const wording of wordings) for (const word of tokenize(wording)) phraseWords.add(word);
}

const lines: string[] = [];
for (const word of [...phraseWords].sort()) {
  const stem = stemOf(word);
  const others = (wordsByStem.get(stem) ?? []).filter(
    (other) => other !== word && !inflects(word, other) && !inflects(other, word),
  );
  if (others.length)
    lines.push(`${word} [${stem}] ~ ${others.map((other) => `${other} (${counts.get(other)})`).join(', ')}`);
}
printLines([...lines, `${lines.length} phrase words share their stem with another word`]);
