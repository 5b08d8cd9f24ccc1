import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { provenanceShape } from '../engine/provenance.js';
import { editorSchemaShape } from '../engine/tables.js';
import type { NormalizedText } from '../engine/textNormalizer.js';
import { CLINICAL_CATEGORIES, DENIAL_CATEGORIES } from '../types.js';
import type { TextFeature } from './textFeatures.js';

/** What the model may answer: a category, or `none` (cost sharing, pricing: not a denial reason). */
const MODEL_LABELS = [...DENIAL_CATEGORIES.filter((category) => category !== 'unknown'), 'none'] as const;

/**
 * The text model as rule data: a naive Bayes model over word and word-pair features, trained by
 * `npm run train:classifier` (wink-naive-bayes-text-classifier) from `corpus/denials/`. It is stored as the
 * counts the trainer learned, so any reader can check it and the scores below are the trainer's own
 * (`test/textModel.test.ts` compares them on the corpus).
 */
/** Whether a reading clears a bar (no closure per call: classifyDenial reads the model per request). */
function passes(
  bar: { odds: number; margin: number; marginPerSqrtFeature?: number },
  top: number,
  margin: number,
  features: number,
): boolean {
  return (
    top >= bar.odds &&
    margin >= bar.margin &&
    (bar.marginPerSqrtFeature === undefined || margin >= bar.marginPerSqrtFeature * Math.sqrt(features))
  );
}

const thresholdSchema = lazySchema(() =>
  z.object({ odds: z.number(), margin: z.number(), marginPerSqrtFeature: z.number().optional() }).strict(),
);

export const textModelFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      ...provenanceShape(),
      kind: z.literal('text-model'),
      description: z.string().optional(),
      version: z.string().regex(/^\d+\.\d+\.\d+$/),
      algorithm: z.literal('naive-bayes'),
      trainer: z.string().min(1),
      corpus: z
        .object({
          path: z.string(),
          /** Rows of a development set learned from besides the corpus: its first `rows` rows. */
          development: z
            .object({ path: z.string(), rows: z.number().int().min(0) })
            .strict()
            .optional(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          examples: z.number().int().min(1),
          byLabel: z.record(z.string(), z.number().int().min(0)),
        })
        .strict(),
      /** Cross-validated on the corpus (never on the held-out set). */
      metrics: z
        .object({
          method: z.string(),
          accuracy: z.number().min(0).max(1),
          macroF1: z.number().min(0).max(1),
          byLabel: z.record(
            z.string(),
            z
              .object({
                precision: z.number().min(0).max(1),
                recall: z.number().min(0).max(1),
                examples: z.number().int().min(0),
              })
              .strict(),
          ),
        })
        .strict(),
      /**
       * Thresholds on the winning label's log-odds (base 2) and its lead over the next; with
       * `marginPerSqrtFeature`, the lead must also reach that much times the square root of the number of
       * features the model knows in the text: naive Bayes adds a term per feature, so a raw lead grows with the
       * length of the text, and a bar that fits a short claim message is too low for a long letter (the square
       * root, not the count: per feature, two or three generic words read strong).
       */
      thresholds: z
        .object({
          strong: thresholdSchema,
          weak: thresholdSchema,
          /**
           * On a weak reading's lead over the best label of the other dispute kind (clinical or
           * administrative) or `none`: past it, the reading may decide alone, as its kind is clear even where
           * its category is not. Optional: without it a weak reading only supports a code or listed wording.
           */
          kind: thresholdSchema.optional(),
        })
        .strict(),
      smoothing: z.number().positive(),
      labels: z.array(z.enum(MODEL_LABELS)).min(2),
      /** Training examples per label, in the order of `labels`. */
      samples: z.array(z.number().int().min(1)),
      /** Feature occurrences per label, in the order of `labels`. */
      words: z.array(z.number().int().min(0)),
      /** Each feature's counts as `[labelIndex, count, labelIndex, count, …]`. */
      features: z.record(z.string(), z.array(z.number().int().min(0))),
    })
    .strict()
    .superRefine((file, ctx) => {
      const labels = file.labels.length;
      if (file.samples.length !== labels || file.words.length !== labels) {
        ctx.addIssue({
          code: 'custom',
          path: ['samples'],
          message: 'samples and words need one count per label',
        });
      }
      if (new Set(file.labels).size !== labels) {
        ctx.addIssue({ code: 'custom', path: ['labels'], message: 'a label is listed twice' });
      }
      for (const [name, counts] of Object.entries(file.features)) {
        const shaped =
          counts.length > 0 &&
          counts.length % 2 === 0 &&
          counts.every((value, index) => (index % 2 === 0 ? value < labels : value > 0));
        if (!shaped) {
          ctx.addIssue({
            code: 'custom',
            path: ['features', name],
            message: 'expected [labelIndex, count, …] pairs with label indexes in range and counts above 0',
          });
        }
      }
    }),
);

export type TextModelFile = z.infer<typeof textModelFileSchema>;
export type ModelLabel = (typeof MODEL_LABELS)[number];

/** How far the model's answer can be trusted on its own. */
export type ModelStrength = 'strong' | 'weak' | 'none';

/** The model's reading of a text. */
export interface ModelReading {
  /** The winning label, or `none` when no feature is known or the winner is `none`. */
  label: ModelLabel;
  strength: ModelStrength;
  /** log2 odds of the winner, and its lead over the next label. */
  odds: number;
  margin: number;
  /**
   * Whether the winner's dispute kind (clinical or administrative) is clear: its lead over every label of the
   * other kind, and over `none`, passes the model's `kind` bar. Always true of a strong reading; false when there is no bar.
   */
  kindClear: boolean;
  /** The features that pushed hardest toward the winner, strongest first. */
  terms: TextFeature[];
}

/** The model's features, indexed: built on the first reading, never at import. */
interface ModelIndex {
  byName: Map<string, number>;
  names: string[];
  /**
   * Feature × label log-odds, label by label (`weights[label × features + feature]`): the strongest terms of a
   * reading are looked up for one label, so they are read from one run of the array, not from a row of every
   * feature's (the fixtures about 7% faster, a letter the model reads 4%, paired).
   */
  weights: Float64Array;
  /**
   * The same, split for summing: a label that never saw a feature gets `absent + label part` (`absentByLabel`),
   * so a text's sum adds those once per text and, per feature, only its labels that saw it. A letter's words
   * mostly have two or three such labels of nineteen: summing every label was a tenth of reading a letter.
   * Packed per feature, from `summands[feature]` to `summands[feature + 1]` in `summandList`: its `absent`, then
   * each delta of a label that saw it, the label in `summandLabels` at the same place. One place per feature
   * rather than four arrays (the model's are larger than the processor's nearest cache, and a letter's features
   * are read in no order): a letter the model reads about 2% faster, the fixtures about 3% (paired). The labels
   * apart, a byte each, not as doubles among the deltas: the list 1.1 → 0.57 MB, so that more of it stays in the
   * processor's cache (a letter the model reads 6 to 10% faster, paired; a first reading unchanged).
   */
  absentByLabel: Float64Array;
  summands: Int32Array;
  summandList: Float64Array;
  summandLabels: Uint8Array;
  /** First words of the word pairs the model knows: a pair is only built when its first word is here. */
  pairStarts: Set<string>;
}

/**
 * The model ready to score. Each feature's log-odds per label is Σ-able: log P(f | label) − log P(f | not
 * label) from the counts, with the trainer's smoothing; the index of them is built on first use.
 */
export class TextModel {
  private loaded: TextModelFile | undefined;
  private reference: { id: string; version: string; status: TextModelFile['status'] } | undefined;
  private priorOdds: Float64Array | undefined;
  private index: ModelIndex | undefined;
  // Scratch reused by every reading (readings are synchronous, so never overlap): which features a text
  // has, each once (a stamp per feature instead of a Set per call), and where each first occurs.
  // A byte a feature, the generation wrapping at 255 (the stamps cleared then): four times smaller than a stamp of
  // 32 bits, so that more of it stays in the processor's nearest cache (a letter the model reads 3% faster, paired).
  private stamp = new Uint8Array(0);
  private generation = 0;
  private seen: number[] = [];
  private oddsBuffer = new Float64Array(0);
  private seenAt: number[] = [];

  /**
   * @param source - the model file, or a function that reads it: the bundled model (a few hundred KB of JSON,
   *   several milliseconds to parse) is read when a text first needs it, and an answer the codes or listed
   *   wording decide never does.
   */
  constructor(private readonly source: TextModelFile | (() => TextModelFile)) {}

  private get file(): TextModelFile {
    this.loaded ??= typeof this.source === 'function' ? this.source() : this.source;
    return this.loaded;
  }

  /** The model's id, version and status, as evidence and answers cite it. */
  get ref(): { id: string; version: string; status: TextModelFile['status'] } {
    const { id, version, status } = this.file;
    this.reference ??= { id, version, status };
    return this.reference;
  }

  private get priors(): Float64Array {
    if (!this.priorOdds) {
      const counts = this.file.samples;
      const samples = counts.reduce((sum, count) => sum + count, 0);
      this.priorOdds = Float64Array.from(
        counts,
        (count) => Math.log2(count) - Math.log2(samples) - (Math.log2(samples - count) - Math.log2(samples)),
      );
    }
    return this.priorOdds;
  }

  get labels(): readonly ModelLabel[] {
    return this.file.labels;
  }

  /**
   * Each label's log2 odds for the features: Σ log P(f | label) − log P(f | not label), plus the prior
   * odds, over the features the model knows; all zero when it knows none (the trainer's rule).
   */
  odds(features: readonly TextFeature[]): Float64Array {
    return this.sum(this.known(features).ids).slice();
  }

  /** The features the model knows, each once, in order, with their ids. */
  private known(features: readonly TextFeature[]): { ids: number[]; features: TextFeature[] } {
    const { byName } = this.indexed();
    const ids: number[] = [];
    const known: TextFeature[] = [];
    for (const feature of features) {
      const id = byName.get(feature.name);
      if (id === undefined || ids.includes(id)) continue;
      ids.push(id);
      known.push(feature);
    }
    return { ids, features: known };
  }

  /**
   * Reads a normalised text: the same features {@link textFeatures} gives the trainer (a word, `!word` in
   * a negation's scope, a pair of neighbours in one clause), looked up without building the ones the
   * model does not know. Words in `skipSentences` (sentence numbers) are not read.
   */
  readText(text: NormalizedText, skipSentences?: ReadonlySet<number>): ModelReading {
    const index = this.indexed();
    if (this.generation === 255) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    this.generation++;
    const seen = this.seen;
    const seenAt = this.seenAt;
    // Counted, not emptied: `length = 0` drops an array's storage in V8, and growing it back per letter was
    // most of what a reading allocated.
    let count = 0;
    const stamp = this.stamp;
    const generation = this.generation;
    const cache = this.cacheFor(text);
    const { ids, negated, breakBefore, sentence } = text;
    const skipping = skipSentences !== undefined && skipSentences.size > 0;
    // Whether to skip is asked once per sentence, not once per word (a Set probe a word was a fifth of a reading).
    let sentenceAsked = -1;
    let skipped = false;
    for (let at = 0; at < ids.length; at++) {
      if (skipping && sentence[at] !== sentenceAsked) {
        sentenceAsked = sentence[at] as number;
        skipped = skipSentences.has(sentenceAsked);
      }
      if (skipped) continue;
      const id = ids[at] as number;
      if (at > 0 && !breakBefore[at]) {
        const previous = ids[at - 1] as number;
        if (cache.startsPair(previous, text, at - 1)) {
          const pair = cache.pair(previous, id, text, at);
          if (pair >= 0 && stamp[pair] !== generation) {
            stamp[pair] = generation;
            seen[count] = pair;
            seenAt[count++] = -at; // a pair is noted at minus its second word
          }
        }
      }
      const feature = cache.unigram(id, negated[at] === 1, text, at);
      if (feature >= 0 && stamp[feature] !== generation) {
        stamp[feature] = generation;
        seen[count] = feature;
        seenAt[count++] = at;
      }
    }
    const reading = this.decide(this.sum(seen, count), count);
    if (reading.strength === 'none') return reading;
    reading.terms = this.strongest(seen, reading.label, count).map((position) => {
      // A pair is noted at minus its second word: it spans that word and the one before.
      const at = seenAt[position] as number;
      const first = at < 0 ? -at - 1 : at;
      const last = at < 0 ? -at : at;
      return {
        name: index.names[seen[position] as number] as string,
        start: text.starts[first] as number,
        end: text.ends[last] as number,
      };
    });
    return reading;
  }

  /** The winning label, how strong it is, and the terms behind it, for features already extracted. */
  read(features: readonly TextFeature[]): ModelReading {
    const known = this.known(features);
    const reading = this.decide(this.sum(known.ids), known.ids.length);
    if (reading.strength === 'none') return reading;
    reading.terms = this.strongest(known.ids, reading.label).map(
      (position) => known.features[position] as TextFeature,
    );
    return reading;
  }

  /**
   * Positions in `ids` of the (at most) three features that push hardest toward `label`, strongest first;
   * equal weights in feature order. Kept in order by insertion: no sort per feature.
   */
  private strongest(ids: readonly number[], label: ModelLabel, count = ids.length): number[] {
    const { weights, names } = this.indexed();
    const features = names.length;
    const best = this.file.labels.indexOf(label);
    const top: { weight: number; id: number; position: number }[] = [];
    for (let position = 0; position < count; position++) {
      const id = ids[position] as number;
      const weight = weights[best * features + id] as number;
      if (weight <= 0) continue;
      let slot = top.length;
      while (slot > 0) {
        const above = top[slot - 1] as { weight: number; id: number };
        if (above.weight > weight || (above.weight === weight && above.id < id)) break;
        slot--;
      }
      if (slot >= 3) continue;
      top.splice(slot, 0, { weight, id, position });
      if (top.length > 3) top.pop();
    }
    return top.map((entry) => entry.position);
  }

  private cache: FeatureCache | undefined;

  /** The feature cache for the text's lexicon epoch (a new epoch means new word ids: start again). */
  private cacheFor(text: NormalizedText): FeatureCache {
    if (!this.cache || this.cache.epoch !== text.epoch)
      this.cache = new FeatureCache(this.indexed(), text.epoch);
    return this.cache;
  }

  /** Each label's odds for the features, in a buffer kept from call to call (read before the next). */
  private sum(ids: readonly number[], count = ids.length): Float64Array {
    const { absentByLabel, summands, summandList, summandLabels } = this.indexed();
    const labels = this.file.labels.length;
    if (this.oddsBuffer.length !== labels) this.oddsBuffer = new Float64Array(labels);
    const odds = this.oddsBuffer;
    odds.fill(0);
    if (!count) return odds;
    let everyLabel = 0;
    for (let at = 0; at < count; at++) {
      const feature = ids[at] as number;
      const from = summands[feature] as number;
      everyLabel += summandList[from] as number;
      const end = summands[feature + 1] as number;
      for (let entry = from + 1; entry < end; entry++) {
        const label = summandLabels[entry] as number;
        odds[label] = (odds[label] as number) + (summandList[entry] as number);
      }
    }
    const priors = this.priors;
    for (let label = 0; label < labels; label++)
      odds[label] =
        (priors[label] as number) +
        everyLabel +
        count * (absentByLabel[label] as number) +
        (odds[label] as number);
    return odds;
  }

  private decide(odds: Float64Array, features: number): ModelReading {
    let best = 0;
    for (let label = 1; label < odds.length; label++)
      if ((odds[label] as number) > (odds[best] as number)) best = label;
    let second = Number.NEGATIVE_INFINITY;
    for (let label = 0; label < odds.length; label++)
      if (label !== best) second = Math.max(second, odds[label] as number);
    const top = odds[best] as number;
    const known = odds.some((value) => value !== 0);
    const label = (known ? this.file.labels[best] : 'none') as ModelLabel;
    const margin = top - second;
    const { strong, weak, kind } = this.file.thresholds;
    const strength: ModelStrength =
      label === 'none'
        ? 'none'
        : passes(strong, top, margin, features)
          ? 'strong'
          : passes(weak, top, margin, features)
            ? 'weak'
            : 'none';
    const kindClear =
      strength === 'strong' ||
      (strength === 'weak' &&
        kind !== undefined &&
        passes(kind, top, top - this.otherKindBest(odds, best), features));
    return { label, strength, odds: top, margin, kindClear, terms: [] };
  }

  /** The best odds among the labels not of `best`'s dispute kind: the other kind, and `none` (no reason). */
  private otherKindBest(odds: Float64Array, best: number): number {
    const clinical = this.clinicalLabels;
    const bestClinical = clinical[best] as number;
    let other = Number.NEGATIVE_INFINITY;
    for (let label = 0; label < odds.length; label++) {
      const kind = clinical[label] as number;
      if (kind !== bestClinical) other = Math.max(other, odds[label] as number);
    }
    return other;
  }

  private clinicalFlags: Int8Array | undefined;

  /** Per label: 1 clinical, 0 administrative, -1 `none`. */
  private get clinicalLabels(): Int8Array {
    this.clinicalFlags ??= Int8Array.from(this.file.labels, (label) =>
      label === 'none' ? -1 : (CLINICAL_CATEGORIES as readonly string[]).includes(label) ? 1 : 0,
    );
    return this.clinicalFlags;
  }

  private indexed(): ModelIndex {
    if (this.index) return this.index;
    const { smoothing, words, features } = this.file;
    const labels = words.length;
    const names = Object.keys(features);
    const vocabulary = names.length;
    const allWords = words.reduce((sum, count) => sum + count, 0);
    const weights = new Float64Array(vocabulary * labels);
    const byLabel = new Float64Array(labels);
    const pairStarts = new Set<string>();
    // A label that never saw the feature: log2 s − log2(w_l + V s) − (log2(t + s) − log2(W − w_l + V s)), where
    // t is the feature's count: a part of the feature's (log2 s − log2(t + s), `absent` below) and one of the label's.
    const absentByLabel = Float64Array.from(
      words,
      (wordsIn) =>
        Math.log2(allWords - wordsIn + vocabulary * smoothing) - Math.log2(wordsIn + vocabulary * smoothing),
    );
    const summands = new Int32Array(vocabulary + 1);
    let listLength = 0;
    for (const name of names) listLength += 1 + (features[name] as number[]).length / 2;
    const summandList = new Float64Array(listLength);
    const summandLabels = new Uint8Array(listLength);
    let next = 0;
    names.forEach((name, id) => {
      const counts = features[name] as number[];
      byLabel.fill(0);
      let total = 0;
      for (let at = 0; at < counts.length; at += 2) {
        byLabel[counts[at] as number] = counts[at + 1] as number;
        total += counts[at + 1] as number;
      }
      for (let label = 0; label < labels; label++) {
        const inLabel = byLabel[label] as number;
        const wordsIn = words[label] as number;
        const likelihood = Math.log2(inLabel + smoothing) - Math.log2(wordsIn + vocabulary * smoothing);
        const inverse =
          Math.log2(total - inLabel + smoothing) - Math.log2(allWords - wordsIn + vocabulary * smoothing);
        weights[label * vocabulary + id] = likelihood - inverse;
      }
      const absent = Math.log2(smoothing) - Math.log2(total + smoothing);
      summands[id] = next;
      summandList[next++] = absent;
      for (let at = 0; at < counts.length; at += 2) {
        const label = counts[at] as number;
        summandLabels[next] = label;
        summandList[next++] =
          (weights[label * vocabulary + id] as number) - absent - (absentByLabel[label] as number);
      }
      const pair = name.indexOf('_');
      if (pair > 0) pairStarts.add(name.slice(0, pair));
    });
    summands[vocabulary] = next;
    this.stamp = new Uint8Array(vocabulary);
    this.index = {
      byName: new Map(names.map((name, id) => [name, id])),
      names,
      weights,
      absentByLabel,
      summands,
      summandList,
      summandLabels,
      pairStarts,
    };
    return this.index;
  }
}

/** Slots the pair table starts with (a power of two). */
const PAIR_SLOTS = 1 << 12;

/** Mixes a pair of ids into a slot of the pair table. */
function pairSlot(first: number, second: number): number {
  const mixed = Math.imul(Math.imul(first, 0x9e3779b1) ^ second, 0x45d9f3b);
  return mixed ^ (mixed >>> 16);
}

/**
 * The model's feature index of each word id, negated word id and pair of ids, looked up by string once
 * per lexicon epoch.
 */
class FeatureCache {
  private plain = new Int32Array(0);
  private negated = new Int32Array(0);
  private starts = new Int8Array(0);
  /**
   * The pairs, in an open-addressing table of typed arrays: each slot's first id + 1 (0: empty) and second id
   * side by side, and its feature index. A Map keyed by first × 2²¹ + second hashed a boxed double per pair, and
   * its probes were a quarter of a reading in a CPU profile (with whether to skip asked once per sentence, a letter
   * the model reads 8% faster, the fixtures 5%, paired).
   */
  private pairKeys = new Int32Array(2 * PAIR_SLOTS);
  private pairFeatures = new Int32Array(PAIR_SLOTS);
  private pairCount = 0;

  constructor(
    private readonly index: ModelIndex,
    readonly epoch: number,
  ) {}

  // Each lookup takes the text and the word's place in it, not the word: the text spells a word only when
  // asked (a miss, once per id and epoch).
  unigram(id: number, negated: boolean, text: NormalizedText, at: number): number {
    if (id >= this.plain.length) this.grow(id);
    const table = negated ? this.negated : this.plain;
    let feature = table[id] as number;
    if (feature === -2) {
      const word = text.words[at] as string;
      feature = this.index.byName.get(negated ? `!${word}` : word) ?? -1;
      table[id] = feature;
    }
    return feature;
  }

  startsPair(id: number, text: NormalizedText, at: number): boolean {
    if (id >= this.starts.length) this.grow(id);
    let starts = this.starts[id] as number;
    if (starts === -1) {
      starts = this.index.pairStarts.has(text.words[at] as string) ? 1 : 0;
      this.starts[id] = starts;
    }
    return starts === 1;
  }

  /** The pair of the words at `at - 1` and `at`, whose ids are `first` and `second`. */
  pair(first: number, second: number, text: NormalizedText, at: number): number {
    const keys = this.pairKeys;
    const mask = this.pairFeatures.length - 1;
    for (let slot = pairSlot(first, second) & mask; ; slot = (slot + 1) & mask) {
      const held = keys[2 * slot] as number;
      if (held === 0) break;
      if (held === first + 1 && keys[2 * slot + 1] === second) return this.pairFeatures[slot] as number;
    }
    const { words } = text;
    const feature = this.index.byName.get(`${words[at - 1]}_${words[at]}`) ?? -1;
    // Pairs seen across many letters are unbounded: start again past a few hundred thousand.
    if (this.pairCount >= 250_000) {
      this.pairKeys = new Int32Array(2 * PAIR_SLOTS);
      this.pairFeatures = new Int32Array(PAIR_SLOTS);
      this.pairCount = 0;
    } else if (2 * (this.pairCount + 1) > this.pairFeatures.length) this.growPairs();
    this.holdPair(first, second, feature);
    return feature;
  }

  /** Puts a pair not held yet into the table (which has room). */
  private holdPair(first: number, second: number, feature: number): void {
    const keys = this.pairKeys;
    const mask = this.pairFeatures.length - 1;
    let slot = pairSlot(first, second) & mask;
    while (keys[2 * slot] !== 0) slot = (slot + 1) & mask;
    keys[2 * slot] = first + 1;
    keys[2 * slot + 1] = second;
    this.pairFeatures[slot] = feature;
    this.pairCount++;
  }

  /** Twice the slots: the table is kept at most half full. */
  private growPairs(): void {
    const keys = this.pairKeys;
    const features = this.pairFeatures;
    this.pairKeys = new Int32Array(2 * keys.length);
    this.pairFeatures = new Int32Array(2 * features.length);
    this.pairCount = 0;
    for (let slot = 0; slot < features.length; slot++) {
      const held = keys[2 * slot] as number;
      if (held !== 0) this.holdPair(held - 1, keys[2 * slot + 1] as number, features[slot] as number);
    }
  }

  private grow(id: number): void {
    const size = Math.max(id + 1, this.plain.length * 2, 256);
    const widen = <T extends Int32Array | Int8Array>(table: T, make: (n: number) => T, blank: number): T => {
      const grown = make(size).fill(blank) as T;
      grown.set(table);
      return grown;
    };
    this.plain = widen(this.plain, (n) => new Int32Array(n), -2);
    this.negated = widen(this.negated, (n) => new Int32Array(n), -2);
    this.starts = widen(this.starts, (n) => new Int8Array(n), -1);
  }
}
