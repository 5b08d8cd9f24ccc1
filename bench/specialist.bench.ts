/**
 * recommendSpecialist's ICD-10-CM index: its size, the cost of its first search (the minisearch index is
 * built then, and only then), and the cost of a search afterwards, beside a hand-written baseline that
 * scans the same rows for shared stemmed words. Rounds alternate between the two, so background load hits
 * both; figures are medians with the range over rounds.
 * Run: npm run bench
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import stem from 'wink-porter2-stemmer';
import { defaultRuleSet } from '../src/_lib/defaultRuleSet.js';
import { tokenize } from '../src/engine/phraseMatcher.js';
import { recommendSpecialist } from '../src/index.js';
import type { ConditionIndex } from '../src/recommendSpecialist/conditionIndex.js';

const ROUNDS = 7;
const FIRST_CALLS = 9;
/** Plain wordings that no phrase of areas.json names, so each one is searched. */
const WORDINGS = [
  'supraventricular tachycardia',
  'heart rhythm problem',
  'a nervous system disorder',
  'a musculoskeletal disorder',
  'tooth abscess',
  'throat infection',
  'speech delay',
  'kidney infection',
  'burns on my arm',
  'broken wrist',
  'ear infection',
  'cellulitis on my leg',
  'high cholesterol',
  'torn acl playing soccer',
  'my daughter has juvenile arthritis in her knees',
  'chronic sinus infections that keep coming back',
];

const file = readFileSync(join(import.meta.dirname, '..', 'rules', 'specialists', 'icd10cm.json'));
const minified = Buffer.from(JSON.stringify(JSON.parse(file.toString('utf8'))));
const rows = defaultRuleSet().specialists.conditionIndex?.rows ?? [];

/** The baseline: every row scored by how many of the query's stemmed words its title and terms share. */
const baselineRows = rows.map((entry) => ({
  entry,
  words: new Set(tokenize(`${entry.row.title} ${(entry.row.terms ?? []).join(' ')}`).map(stem)),
}));
function baseline(text: string) {
  const query = [...new Set(tokenize(text).map(stem))];
  let best: (typeof baselineRows)[number] | undefined;
  let bestScore = 0;
  for (const candidate of baselineRows) {
    let score = 0;
    for (const word of query) if (candidate.words.has(word)) score++;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best?.entry;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const range = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

// First search: in a fresh process each time, so the call builds the index from nothing (in one process,
// a second index would reuse the stems the first one made).
const child = (wording: string) => `
const { defaultRuleSet } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '..', 'src/_lib/defaultRuleSet.ts')).href)});
const { ConditionIndex } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '..', 'src/recommendSpecialist/conditionIndex.ts')).href)});
const rows = defaultRuleSet().specialists.conditionIndex.rows;
const index = new ConditionIndex(rows);
const start = performance.now();
index.find(${JSON.stringify(wording)});
console.log(performance.now() - start);
`;
const firstCalls: number[] = [];
for (let call = 0; call < FIRST_CALLS; call++) {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', child(WORDINGS[call % WORDINGS.length] as string)],
    { encoding: 'utf8' },
  );
  firstCalls.push(Number(out.trim()));
}

// Warm searches: the library's own index through recommendSpecialist, beside the baseline scan.
for (const condition of WORDINGS) {
  recommendSpecialist({ condition });
  baseline(condition);
}
const perCall = (run: (text: string) => unknown) => {
  const repeats = 200;
  const start = performance.now();
  for (let repeat = 0; repeat < repeats; repeat++) for (const text of WORDINGS) run(text);
  return (performance.now() - start) / (repeats * WORDINGS.length);
};
const rounds: { library: number; search: number; baseline: number }[] = [];
const index = defaultRuleSet().specialists.conditionIndex as ConditionIndex<unknown>;
for (let round = 0; round < ROUNDS; round++) {
  rounds.push({
    library: perCall((condition) => recommendSpecialist({ condition })),
    search: perCall((text) => index.find(text)),
    baseline: perCall(baseline),
  });
}

const ms = (values: number[]) => `${median(values).toFixed(3)} ms (rounds ${range(values, 3)})`;
console.log(`recommendSpecialist ICD-10-CM index, Node ${process.version}`);
console.log(
  `  index: ${rows.length} rows; rules/specialists/icd10cm.json ${(file.length / 1024).toFixed(0)} KB as written, ${(minified.length / 1024).toFixed(0)} KB minified, ${(gzipSync(minified).length / 1024).toFixed(0)} KB gzipped`,
);
console.log(
  `  first search (builds the minisearch index): ${median(firstCalls).toFixed(2)} ms median over ${FIRST_CALLS} fresh processes (range ${range(firstCalls, 2)})`,
);
console.log(`  recommendSpecialist, condition searched:  ${ms(rounds.map((r) => r.library))} per call`);
console.log(`  ConditionIndex.find (minisearch, BM25):   ${ms(rounds.map((r) => r.search))} per call`);
console.log(`  hand-written baseline (shared stems):     ${ms(rounds.map((r) => r.baseline))} per call`);
