/**
 * Cross-validates the whole reader of classifyDenial (phrase rules, decision rules and text model together)
 * on the training examples (the corpus and the development rows the model learns from): for each of the 5 folds the model is trained on the other four, and every text of
 * the fold is classified by the bundled rule set with that model. The development measure for changes to the
 * reader: it never touches the held-out set, and no text is read by a model trained on it.
 *
 *   npm run cv:classifier            # accuracy, clinical/administrative flips, unknown rate, by label
 *   npm run cv:classifier -- --misses # and every text read wrong: truth → answer, the text
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLINICAL_CATEGORIES } from '../src/index.js';
import { readerWithModel } from './reader-with-model.js';
import { FOLDS, loadExamples } from './train-classifier.js';

const { examples, sha256 } = loadExamples();
const clinical = new Set<string>(CLINICAL_CATEGORIES);
const dir = mkdtempSync(join(tmpdir(), 'overturn-cv-'));
let right = 0;
let flips = 0;
let unknown = 0;
let stated = 0;
const misses: string[] = [];
const byLabel = new Map<string, { right: number; total: number }>();
const byOrigin = new Map<string, { right: number; total: number }>();
try {
  for (let fold = 0; fold < FOLDS; fold++) {
    const overturn = readerWithModel(
      examples.filter((example) => example.fold !== fold),
      sha256,
      join(dir, `fold-${fold}`),
    );
    for (const example of examples.filter((item) => item.fold === fold)) {
      const truth = example.label === 'none' ? 'unknown' : example.label;
      const answer = overturn.classifyDenial({ text: example.text }).category;
      const tally = byLabel.get(truth) ?? { right: 0, total: 0 };
      tally.total++;
      if (answer === truth) {
        right++;
        tally.right++;
      }
      byLabel.set(truth, tally);
      const origin = byOrigin.get(example.origin) ?? { right: 0, total: 0 };
      origin.total++;
      if (answer === truth) origin.right++;
      byOrigin.set(example.origin, origin);
      if (answer !== truth) misses.push(`${truth} → ${answer}: ${example.text.slice(0, 300)}`);
      if (truth !== 'unknown') {
        stated++;
        if (answer === 'unknown') unknown++;
        else if (clinical.has(answer) !== clinical.has(truth)) flips++;
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / d).toFixed(1)}%)`;
console.log(
  `right ${pct(right, examples.length)}; flips ${pct(flips, stated)}; unknown ${pct(unknown, stated)}`,
);
for (const [origin, { right: r, total }] of [...byOrigin].sort())
  console.log(`  from the ${origin === 'corpus' ? 'corpus' : 'development set'}: ${pct(r, total)}`);
for (const [label, { right: r, total }] of [...byLabel].sort())
  console.log(`  ${label.padEnd(30)} ${r}/${total}`);
if (process.argv.includes('--misses')) console.log(misses.sort().join('\n'));
