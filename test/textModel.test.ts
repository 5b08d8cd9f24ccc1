import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, loadExamples, train } from '../scripts/train-classifier.js';
import { textFeatures } from '../src/classifyDenial/textFeatures.js';
import { TextModel, textModelFileSchema } from '../src/classifyDenial/textModel.js';
import { createDenialNormalizer } from '../src/classifyDenial/textRules.js';

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
      expect([text, fromText.label, fromText.strength]).toEqual([
        text,
        fromFeatures.label,
        fromFeatures.strength,
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

  it('refuses a malformed model with the path of the fault', () => {
    const broken = { ...JSON.parse(onDisk), features: { bad: [99, 1] } };
    const result = textModelFileSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['features', 'bad']);
  });
});

describe('the corpus and the held-out set', () => {
  it('share no source: the model never trains on a page the held-out figures are measured on', () => {
    const heldOut = JSON.parse(readFileSync(join(root, 'test/held-out/denials.json'), 'utf8')) as {
      source: { url: string };
    }[];
    const heldOutUrls = new Set(heldOut.map((item) => item.source.url.replace(/^https?:\/\/(www\.)?/, '')));
    const shared: string[] = [];
    for (const file of readdirSync(join(root, 'corpus/denials')).filter((name) => name.endsWith('.json'))) {
      const rows = (
        JSON.parse(readFileSync(join(root, 'corpus/denials', file), 'utf8')) as {
          rows: { source: { url: string } }[];
        }
      ).rows;
      for (const row of rows) {
        const url = row.source.url.replace(/^https?:\/\/(www\.)?/, '');
        if (heldOutUrls.has(url)) shared.push(`${file}: ${row.source.url}`);
      }
    }
    expect(shared).toEqual([]);
  });

  it('share no wording: no corpus row has most of its words in common with a held-out wording', () => {
    // The same letter can be quoted on two pages (a syndicated story, a mirrored decision): a source check
    // alone would miss it. Words of three letters or more; a row of fewer than four such words is too short
    // to tell a copy from a common phrase.
    const words = (text: string) =>
      new Set(
        text
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .filter((word) => word.length > 2),
      );
    const overlap = (a: Set<string>, b: Set<string>) => {
      let shared = 0;
      for (const word of a) if (b.has(word)) shared++;
      return shared / (a.size + b.size - shared);
    };
    const heldOut = (
      JSON.parse(readFileSync(join(root, 'test/held-out/denials.json'), 'utf8')) as { text: string }[]
    ).map((item) => ({ text: item.text, words: words(item.text) }));
    const copies: string[] = [];
    for (const file of readdirSync(join(root, 'corpus/denials')).filter((name) => name.endsWith('.json'))) {
      const rows = (
        JSON.parse(readFileSync(join(root, 'corpus/denials', file), 'utf8')) as { rows: { text: string }[] }
      ).rows;
      for (const row of rows) {
        const own = words(row.text);
        if (own.size < 4) continue;
        const copy = heldOut.find((item) => overlap(own, item.words) >= 0.6);
        if (copy) copies.push(`${file}: "${row.text}" ~ "${copy.text}"`);
      }
    }
    expect(copies).toEqual([]);
  });
});
