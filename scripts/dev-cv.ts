/**
 * Reads every row of the development set of denial wordings (test/dev/denials.json) with a text model that never
 * learned it, the rules as they are: the rows the model learns (its first DEVELOPMENT_ROWS) in five folds (a model
 * trained on the corpus and the other folds, as `npm run cv:classifier` does), the rows past them with the model as
 * the corpus trains it. The out-of-sample measure for choices about the model on narrative wording (rulings, posts,
 * news), which the corpus of payers' messages rarely holds; it never reads the held-out set.
 *
 *   npm run cv:development                        # the model as shipped
 *   npm run cv:development -- --rows 2264         # the model learning more development rows
 *   npm run cv:development -- --weight 2          # each development row learned twice
 *   npm run cv:development -- --from 2909         # also a tally of the rows from 2,909 on (a split in time: the
 *                                                 # same unlearned rows read under each --rows)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLINICAL_CATEGORIES, type Overturn } from '../src/index.js';
import { readerWithModel } from './reader-with-model.js';
import { DEVELOPMENT_ROWS, FOLDS, foldOf, loadExamples } from './train-classifier.js';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { rows: { type: 'string' }, weight: { type: 'string' }, from: { type: 'string' } },
});
const developmentRows = values.rows === undefined ? DEVELOPMENT_ROWS : Number(values.rows);
const developmentWeight = values.weight === undefined ? 1 : Number(values.weight);
const fromRow = values.from === undefined ? undefined : Number(values.from);
const { examples, sha256 } = loadExamples({ developmentRows, developmentWeight });
const rows = JSON.parse(readFileSync(join(root, 'test/dev/denials.json'), 'utf8')) as {
  text: string;
  expect: { category: string };
}[];
const clinical = new Set<string>(CLINICAL_CATEGORIES);
const dir = mkdtempSync(join(tmpdir(), 'overturn-dev-cv-'));
// A reader per fold (its model never learned that fold), and one whose model learned every example, for the rows
// past those learned.
const readers: Overturn[] = [];
try {
  for (let fold = 0; fold <= FOLDS; fold++) {
    const learned = examples.filter((example) => fold === FOLDS || example.fold !== fold);
    readers.push(readerWithModel(learned, sha256, join(dir, `fold-${fold}`)));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const tallies = [
  {
    name: `rows 1–${developmentRows} (learned; read by the fold that did not)`,
    from: 0,
    to: developmentRows,
  },
  {
    name: `rows ${developmentRows + 1}–${rows.length} (never learned)`,
    from: developmentRows,
    to: rows.length,
  },
  ...(fromRow === undefined
    ? []
    : [{ name: `rows ${fromRow + 1}–${rows.length}`, from: fromRow, to: rows.length }]),
].map((range) => ({ ...range, right: 0, flips: 0, unknown: 0, stated: 0 }));
rows.forEach((row, index) => {
  // A learned row's fold is its text's, as the trainer chose it.
  const reader = readers[index < developmentRows ? foldOf(row.text) : FOLDS] as Overturn;
  const answer = reader.classifyDenial({ text: row.text }).category;
  const truth = row.expect.category;
  for (const tally of tallies) {
    if (index < tally.from || index >= tally.to) continue;
    if (answer === truth) tally.right++;
    if (truth === 'unknown') continue;
    tally.stated++;
    if (answer === 'unknown') tally.unknown++;
    else if (clinical.has(answer) !== clinical.has(truth)) tally.flips++;
  }
});
console.log(`development rows learned: ${developmentRows}, each ${developmentWeight} time(s)`);
for (const { name, from, to, right, flips, unknown, stated } of tallies)
  if (to > from)
    console.log(
      `  ${name}: ${right}/${to - from} right (${((100 * right) / (to - from)).toFixed(1)}%), flips ${flips}, unknown ${unknown}/${stated}`,
    );
