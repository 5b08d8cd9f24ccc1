/**
 * Lists every word of the development set's conditions and treatments whose form as the condition search scores it
 * (its Porter2 stem, unless a stop word or a stem of its own: `scoredForms`) is also the form of other words in the
 * ICD-10-CM index's titles and terms (rules/specialists/icd10cm.json), past plain inflections:
 * "aide" and "AIDS", "terminated" and "termination", "later" and "lateral". Most pairs mean the same thing
 * ("facility" and "facilities"); the others let the condition search find a title the person never meant ("needs
 * a home health aide" found HIV disease), and are worth a stop word or a stem of their own in
 * src/recommendSpecialist/conditionIndex.ts. Each line: how often the word occurs, the word, its stem, the index's
 * words. The sibling for the denial phrases is scripts/stem-audit.ts.
 *
 *   npx tsx scripts/condition-stem-audit.ts | head -100
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../src/engine/phraseMatcher.js';
import { indexRows, scoredForms } from '../src/recommendSpecialist/conditionIndex.js';
import { inflects } from './inflection.js';
import { printLines } from './print-lines.js';

const root = join(import.meta.dirname, '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** The index's words by stem. */
const indexWords = new Map<string, Set<string>>();
for (const row of indexRows(readJson('rules/specialists/icd10cm.json'))) {
  for (const text of [row.title, ...(row.terms ?? [])]) {
    for (const word of tokenize(text)) {
      if (word.length < 3) continue;
      for (const form of scoredForms(word)) {
        const words = indexWords.get(form) ?? new Set<string>();
        words.add(word);
        indexWords.set(form, words);
      }
    }
  }
}

/** How often each word of the development rows' conditions and treatments occurs. */
const counts = new Map<string, number>();
for (const row of readJson('test/dev/specialists.json') as { condition: string; procedure?: string }[]) {
  for (const word of tokenize(`${row.condition} ${row.procedure ?? ''}`))
    counts.set(word, (counts.get(word) ?? 0) + 1);
}

const lines: [number, string, string, string][] = [];
for (const [word, count] of counts) {
  if (word.length < 3) continue;
  for (const form of scoredForms(word)) {
    const others = indexWords.get(form);
    if (
      !others ||
      others.has(word) ||
      [...others].every((other) => inflects(word, other) || inflects(other, word))
    )
      continue;
    lines.push([count, word, form, [...others].sort().join(', ')]);
  }
}
lines.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
printLines(lines.map((line) => line.join('\t')));
