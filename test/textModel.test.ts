import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, loadExamples, train } from '../scripts/train-classifier.js';
import { textFeatures } from '../src/classifyDenial/textFeatures.js';
import { TextModel, textModelFileSchema } from '../src/classifyDenial/textModel.js';
import { createDenialNormalizer } from '../src/classifyDenial/textRules.js';
import { measuredRows, overlap, pageOf, wordsOf } from './_helpers/measuredSets.js';

const root = join(import.meta.dirname, '..');
const onDisk = readFileSync(join(root, 'rules/classification/model.json'), 'utf8');
const file = textModelFileSchema.parse(JSON.parse(onDisk));
const corpus = loadExamples();

describe('the text model (rules/classification/model.json)', () => {
  it('is what npm run train:classifier makes from the corpus, byte for byte', () => {
    expect(buildModel(corpus)).toBe(onDisk);
  });

  it('stays under 1 MB', () => {
    expect(Buffer.byteLength(onDisk)).toBeLessThan(1024 * 1024);
  });

  it('read from a function, reads the file once, on first use, and answers as the file itself', () => {
    let reads = 0;
    const lazy = new TextModel(() => {
      reads++;
      return file;
    });
    expect(reads).toBe(0);
    const features = Object.keys(file.features)
      .slice(0, 5)
      .map((name) => ({ name, start: 0, end: 0 }));
    const odds = lazy.odds(features);
    expect(odds.some((value) => value !== 0)).toBe(true);
    expect(odds).toEqual(new TextModel(file).odds(features));
    expect(lazy.ref).toEqual({ id: file.id, version: file.version, status: file.status });
    expect(reads).toBe(1);
  });

  it("scores every corpus example with the trainer's own odds", () => {
    const { classifier, vocabulary } = train(corpus.examples);
    const model = new TextModel(file);
    for (const example of corpus.examples) {
      const features = example.features.filter((name) => vocabulary.has(name));
      const expected = Object.fromEntries(classifier.computeOdds(features));
      const odds = model.odds(features.map((name) => ({ name, start: 0, end: 0 })));
      model.labels.forEach((label, index) => {
        // wink answers [['unknown', 0]] when it knows no feature; the model then gives 0 for every label.
        expect(odds[index]).toBeCloseTo(expected[label] ?? 0, 9);
      });
    }
  });

  it('reads a text (word ids, cached features) exactly as the trainer features say', () => {
    const normalizer = createDenialNormalizer(
      (
        JSON.parse(readFileSync(join(root, 'rules/classification/abbreviations.json'), 'utf8')) as {
          rows: [];
        }
      ).rows,
    );
    const model = new TextModel(file);
    for (const { text } of corpus.examples) {
      const normalized = normalizer.normalize(text);
      const fromText = model.readText(normalized);
      const fromFeatures = model.read(textFeatures(normalized));
      expect([text, fromText.label, fromText.strength, fromText.kindClear]).toEqual([
        text,
        fromFeatures.label,
        fromFeatures.strength,
        fromFeatures.kindClear,
      ]);
      expect(fromText.odds).toBeCloseTo(fromFeatures.odds, 9);
      expect(fromText.terms.map((term) => term.name)).toEqual(fromFeatures.terms.map((term) => term.name));
    }
  });

  it('reads the same after the lexicon starts again (its caches follow the epoch)', () => {
    const normalizer = createDenialNormalizer([]);
    const model = new TextModel(file);
    const text = 'They want me to try two other medicines and fail them first.';
    const before = model.readText(normalizer.normalize(text));
    normalizer.normalize(Array.from({ length: 50_000 }, (_, index) => `w${index}`).join(' '));
    const again = normalizer.normalize(`zz ${text}`);
    expect(again.ids[0]).toBe(0); // a new epoch: ids start again
    const after = model.readText(again);
    expect(after.label).toBe(before.label);
    expect(after.odds).toBeCloseTo(before.odds, 9);
    expect(after.terms.map((term) => term.name)).toEqual(before.terms.map((term) => term.name));
  });

  it('reads nothing into a text whose words it has never seen', () => {
    const model = new TextModel(file);
    const reading = model.read(textFeatures(createDenialNormalizer([]).normalize('zzyzx qwrty')));
    expect(reading).toMatchObject({ label: 'none', strength: 'none', terms: [] });
  });

  describe("a weak reading's dispute kind (the `kind` bar)", () => {
    // A model small enough to score by hand. Labels: eligibility and timely_filing are administrative,
    // medical_necessity clinical, none neither; 2 examples each (prior odds log2(2/6) = -1.5850 for all);
    // smoothing 0.5 over 3 features; occurrences per label 6, 5, 1, 7 (24 in all). A feature's weight for a
    // label is log2(c + 0.5) - log2(w + 1.5) - [log2(t - c + 0.5) - log2(24 - w + 1.5)], with c its count in
    // the label, w the label's occurrences and t the feature's total. Summed with the prior:
    // - "ended" alone: eligibility -0.1034, medical_necessity -2.9942, none -3.0138, timely_filing -2.0171.
    //   Eligibility leads timely_filing by 1.9137 (weak) and the best label of another kind (medical
    //   necessity) by 2.8908.
    // - "ended" and "surgery": medical_necessity 1.4295, eligibility -2.3222, none -3.2203, timely_filing
    //   -4.5196: the lead over the best other kind (eligibility) is 3.7517, against a bar of b x sqrt(2).
    const handMade = (kind?: { odds: number; margin: number; marginPerSqrtFeature: number }) =>
      new TextModel({
        ...file,
        labels: ['eligibility', 'medical_necessity', 'none', 'timely_filing'],
        samples: [2, 2, 2, 2],
        words: [6, 5, 1, 7],
        smoothing: 0.5,
        features: { ended: [0, 6, 1, 1, 3, 3], surgery: [1, 4], late: [2, 1, 3, 4] },
        thresholds: {
          strong: { odds: 100, margin: 100 },
          weak: { odds: -10, margin: 1 },
          ...(kind ? { kind } : {}),
        },
      });
    const features = (...names: string[]) => names.map((name) => ({ name, start: 0, end: 0 }));
    const bar = (marginPerSqrtFeature: number) => ({ odds: -10, margin: 1, marginPerSqrtFeature });

    it('scores the hand-made model as computed by hand', () => {
      const odds = [...handMade().odds(features('ended'))];
      [-0.1034, -2.9942, -3.0138, -2.0171].forEach((expected, index) => {
        expect(odds[index]).toBeCloseTo(expected, 4);
      });
    });

    it('is clear when the lead over every label of the other kind passes the bar', () => {
      expect(handMade(bar(2.5)).read(features('ended'))).toMatchObject({
        label: 'eligibility',
        strength: 'weak',
        kindClear: true,
      });
      // 3.7517 >= 2.5 x 1.4142 = 3.5355; the second feature raises the bar.
      expect(handMade(bar(2.5)).read(features('ended', 'surgery'))).toMatchObject({
        label: 'medical_necessity',
        strength: 'weak',
        kindClear: true,
      });
    });

    it('is not clear below the bar, nor without one', () => {
      expect(handMade(bar(3)).read(features('ended'))).toMatchObject({ strength: 'weak', kindClear: false });
      // 3.7517 < 2.7 x 1.4142 = 3.8184
      expect(handMade(bar(2.7)).read(features('ended', 'surgery'))).toMatchObject({
        strength: 'weak',
        kindClear: false,
      });
      expect(handMade().read(features('ended'))).toMatchObject({ strength: 'weak', kindClear: false });
    });
  });

  it('refuses a malformed model with the path of the fault', () => {
    const broken = { ...JSON.parse(onDisk), features: { bad: [99, 1] } };
    const result = textModelFileSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['features', 'bad']);
  });
});

/**
 * The held-out set, which the model must never train on, and the development set, whose rows the model learns
 * from the trainer (their first run read before), never as a second copy in a corpus file.
 */
const MEASURED = [
  { name: 'the held-out set', path: 'test/held-out/denials.json' },
  { name: 'the development set of denials', path: 'test/dev/denials.json' },
];

/** Every corpus row, with its file. */
function corpusRows(): { file: string; text: string; url: string }[] {
  const rows: { file: string; text: string; url: string }[] = [];
  for (const file of readdirSync(join(root, 'corpus/denials')).filter((name) => name.endsWith('.json'))) {
    const content = JSON.parse(readFileSync(join(root, 'corpus/denials', file), 'utf8')) as {
      rows: { text: string; source: { url: string } }[];
    };
    for (const row of content.rows) rows.push({ file, text: row.text, url: row.source.url });
  }
  return rows;
}

/**
 * A finder of the first wording (in the set's order) that has most of its words in common with a text:
 * `overlap` at least `threshold`. Comparing every corpus row with every development wording took 12 s; a prefix
 * filter finds the few candidates instead, and `overlap` decides as before. Words are put in one order, rarest
 * first: two sets that close must share a word among the first |x| - ⌈threshold·|x|⌉ + 1 words of each (the
 * first word they share lies there in both), so only wordings sharing a word of the text's prefix are compared.
 */
function firstCloseWording(wordings: readonly Set<string>[], threshold: number) {
  const count = new Map<string, number>();
  for (const set of wordings) for (const word of set) count.set(word, (count.get(word) ?? 0) + 1);
  const ordered = (set: Set<string>) =>
    [...set].sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  // The epsilon keeps ⌈0.6 × 5⌉ at 3 (0.6 × 5 is 3.0000000000000004 in floating point).
  const prefix = (set: Set<string>) =>
    ordered(set).slice(0, set.size - Math.ceil(threshold * set.size - 1e-9) + 1);
  const postings = new Map<string, number[]>();
  wordings.forEach((set, index) => {
    for (const word of prefix(set)) {
      const list = postings.get(word);
      if (list) list.push(index);
      else postings.set(word, [index]);
    }
  });
  return (own: Set<string>): number | undefined => {
    const candidates = new Set<number>();
    for (const word of prefix(own)) for (const index of postings.get(word) ?? []) candidates.add(index);
    let first: number | undefined;
    for (const index of candidates) {
      if (
        (first === undefined || index < first) &&
        overlap(own, wordings[index] as Set<string>) >= threshold
      ) {
        first = index;
      }
    }
    return first;
  };
}

describe.each(MEASURED)('the corpus and $name', ({ path }) => {
  it('share no source: no corpus row comes from a page of a measured set (nothing is learned twice or seen in the held-out set)', () => {
    const pages = new Set(measuredRows(path).map((item) => pageOf(item.source.url)));
    const shared = corpusRows()
      .filter((row) => pages.has(pageOf(row.url)))
      .map((row) => `${row.file}: ${row.url}`);
    expect(shared).toEqual([]);
  });

  it('share no wording: no corpus row has most of its words in common with a measured wording', () => {
    // The same letter can be quoted on two pages (a syndicated story, a mirrored decision): a source check
    // alone would miss it.
    const wordings = measuredRows(path).map((item) => ({ text: item.text, words: wordsOf(item.text) }));
    const closest = firstCloseWording(
      wordings.map((item) => item.words),
      0.6,
    );
    const copies: string[] = [];
    for (const row of corpusRows()) {
      const own = wordsOf(row.text);
      if (own.size < 4) continue;
      const copy = closest(own);
      if (copy !== undefined) copies.push(`${row.file}: "${row.text}" ~ "${wordings[copy]?.text}"`);
    }
    expect(copies).toEqual([]);
  });
});
