/**
 * Text normalisation shared by the phrase rules and the text model: the same words in, whatever the
 * letter's case, punctuation, shorthand or inflection. Knows nothing of denials: the rewrite table (a
 * rule set's abbreviations), the stemmer and the negation words are handed in.
 *
 * Layers, in order:
 * 1. words of `a–z0–9`, lowercased; apostrophes join (`plan's` → `plans`), negative contractions are spelt
 *    out (`isn't` → `is not`), a plural marker glued to a word is dropped (`service(s)` → `service`), and
 *    every other character separates words (`Was/Were` → `was were`);
 * 2. shorthand rewritten through the table, longest match first (`cov term` → `coverage terminated`);
 * 3. each word reduced to its stem (`services` → `servic`), memoised: stemming is pure;
 * 4. negation scope: a word after `not`, `no`, `never`… in the same clause, within a few words, is marked,
 *    so "is medically necessary" and "is not medically necessary" read differently to the model.
 */

import { CONTRACTIONS } from './phraseMatcher.js';

/** One shorthand rewrite: the words as a payer prints them, and the words they stand for. */
export interface Rewrite {
  id: string;
  from: readonly string[];
  to: readonly string[];
}

/** A rewrite applied to a text, for evidence. */
export interface AppliedRewrite {
  id: string;
  /** The letter's own characters. */
  text: string;
  /** What they were read as. */
  as: string;
  /** Where the letter's characters start. */
  start: number;
}

/** A text read into normalised words. */
export interface NormalizedText {
  /** The words, rewritten and stemmed. */
  words: string[];
  /** Character span of each word in the text (a rewrite's words share the span of what they replace). */
  starts: number[];
  ends: number[];
  /** 1 where a word is inside the scope of a negation word that precedes it. */
  negated: Uint8Array;
  /** Index of the sentence each word is in (a sentence ends at `.`, `!`, `?`, `;` or a line break). */
  sentence: Int32Array;
  /** 1 where a clause boundary (sentence end, `,`, `:`, brackets, a dash) comes just before the word. */
  breakBefore: Uint8Array;
  /**
   * The letter's own words, before rewrites: a distance in words ("within 8") is counted here, so that
   * "DOS" read as "date of service" is still one word away. `origin` maps each normalised word to its own.
   */
  source: { starts: readonly number[]; ends: readonly number[]; sentence: readonly number[] };
  origin: Int32Array;
  rewrites: AppliedRewrite[];
}

export interface TextNormalizerOptions {
  rewrites?: readonly Rewrite[];
  /** Reduces a lowercase word to its stem; the identity when absent. */
  stem?: (word: string) => string;
  /** Words that open a negation scope (after contractions are spelt out: `not`, `no`, …). */
  negators?: readonly string[];
  /** Words that close a negation scope (`but`, `because`, …). */
  scopeEnders?: readonly string[];
  /** How many words a negation reaches at most. */
  scope?: number;
}

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x60, 0xb4, 0x2032]);
const SENTENCE_ENDS = new Set([0x2e, 0x21, 0x3f, 0x3b, 0x0a, 0x0d]);
const CLAUSE_ENDS = new Set([0x2c, 0x3a, 0x28, 0x29, 0x5b, 0x5d, 0x2014, 0x2013, 0x22, 0x201c, 0x201d]);
/** A stem cache this large holds any realistic vocabulary; past it, it starts again (memory stays bounded). */
const STEM_CACHE_LIMIT = 50_000;

/**
 * Reads text into normalised words. Build once (per rule set) and reuse: the stem cache is its state.
 *
 * @example
 * ```ts
 * const normalizer = new TextNormalizer({
 *   rewrites: [{ id: 'abbr.svc', from: ['svc'], to: ['service'] }],
 *   negators: ['not'],
 * });
 * normalizer.normalize("SVC(s) isn't covered").words; // ['service', 'is', 'not', 'covered']
 * ```
 */
export class TextNormalizer {
  private readonly rewrites = new Map<string, Rewrite[]>();
  private readonly stemOf: (word: string) => string;
  private readonly stems = new Map<string, string>();
  private readonly negators: ReadonlySet<string>;
  private readonly scopeEnders: ReadonlySet<string>;
  private readonly scope: number;

  constructor(options: TextNormalizerOptions = {}) {
    for (const rewrite of options.rewrites ?? []) {
      const first = rewrite.from[0];
      if (first === undefined) continue;
      const list = this.rewrites.get(first) ?? [];
      list.push(rewrite);
      // Longest first, then table order: the first that fits wins.
      list.sort((a, b) => b.from.length - a.from.length);
      this.rewrites.set(first, list);
    }
    this.stemOf = options.stem ?? ((word) => word);
    this.negators = new Set(options.negators ?? []);
    this.scopeEnders = new Set(options.scopeEnders ?? []);
    this.scope = options.scope ?? 6;
  }

  /** A phrase of the rule data, as the words a normalised text would have to contain. */
  normalizePhrase(phrase: string): string[] {
    return this.normalize(phrase).words;
  }

  normalize(text: string): NormalizedText {
    const raw = splitWords(text);
    const words: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const sentenceOf: number[] = [];
    const breaks: number[] = [];
    const origin: number[] = [];
    const rewrites: AppliedRewrite[] = [];
    for (let index = 0; index < raw.words.length; ) {
      const rewrite = this.rewriteAt(raw.words, raw.breakBefore, index);
      const span = rewrite ? rewrite.from.length : 1;
      const start = raw.starts[index] as number;
      const end = raw.ends[index + span - 1] as number;
      const replacement = rewrite ? rewrite.to : [raw.words[index] as string];
      if (rewrite)
        rewrites.push({ id: rewrite.id, text: text.slice(start, end), as: rewrite.to.join(' '), start });
      replacement.forEach((word, at) => {
        words.push(this.stem(word));
        starts.push(start);
        ends.push(end);
        sentenceOf.push(raw.sentence[index] as number);
        breaks.push(at === 0 ? (raw.breakBefore[index] as number) : 0);
        origin.push(index + Math.min(at, span - 1));
      });
      index += span;
    }
    return {
      words,
      starts,
      ends,
      negated: this.negationScope(words, breaks),
      sentence: Int32Array.from(sentenceOf),
      breakBefore: Uint8Array.from(breaks),
      source: { starts: raw.starts, ends: raw.ends, sentence: raw.sentence },
      origin: Int32Array.from(origin),
      rewrites,
    };
  }

  private rewriteAt(words: readonly string[], breakBefore: readonly number[], index: number) {
    const candidates = this.rewrites.get(words[index] as string);
    if (!candidates) return undefined;
    outer: for (const rewrite of candidates) {
      if (index + rewrite.from.length > words.length) continue;
      for (let at = 1; at < rewrite.from.length; at++) {
        // Shorthand never spans a clause boundary: "cov, term" is two things.
        if (words[index + at] !== rewrite.from[at] || breakBefore[index + at]) continue outer;
      }
      return rewrite;
    }
    return undefined;
  }

  private stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      if (this.stems.size >= STEM_CACHE_LIMIT) this.stems.clear();
      stem = this.stemOf(word);
      this.stems.set(word, stem);
    }
    return stem;
  }

  private negationScope(words: readonly string[], breaks: readonly number[]): Uint8Array {
    const negated = new Uint8Array(words.length);
    let left = 0;
    for (let index = 0; index < words.length; index++) {
      const word = words[index] as string;
      if (breaks[index] || this.scopeEnders.has(word)) left = 0;
      if (this.negators.has(word)) {
        left = this.scope;
        continue;
      }
      if (left > 0) {
        negated[index] = 1;
        left--;
      }
    }
    return negated;
  }
}

/** Words of a text with their spans and boundaries, before rewrites and stems. */
function splitWords(text: string): {
  words: string[];
  starts: number[];
  ends: number[];
  sentence: number[];
  breakBefore: number[];
} {
  // toLowerCase keeps the length for all but a few non-ASCII letters; spans then index the lowercase text.
  const lower = text.toLowerCase();
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const sentence: number[] = [];
  const breakBefore: number[] = [];
  let sentenceIndex = 0;
  let pendingBreak = 1;
  // The word being read: its characters since `start`, after `pending` (the part before an apostrophe
  // or a plural marker, which join: "plan's" → "plans", "service(s)" → "service").
  let start = -1;
  let pending = '';
  let wordStart = -1;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (start < 0) start = index;
      if (wordStart < 0) wordStart = index;
      continue;
    }
    if (start >= 0) {
      if (APOSTROPHES.has(code)) {
        pending += lower.slice(start, index);
        start = -1;
        continue;
      }
      if (code === 0x28 && (lower.startsWith('(s)', index) || lower.startsWith('(es)', index))) {
        pending += lower.slice(start, index);
        start = -1;
        index += lower.startsWith('(s)', index) ? 2 : 3;
        continue;
      }
    }
    if (wordStart >= 0) {
      const word =
        start < 0 ? pending : pending ? pending + lower.slice(start, index) : lower.slice(start, index);
      // Every contraction listed ends in "t" and has four letters or more.
      const expanded =
        word.length > 3 && word.charCodeAt(word.length - 1) === 0x74 ? CONTRACTIONS.get(word) : undefined;
      for (const part of expanded ?? [word]) {
        words.push(part);
        starts.push(wordStart);
        ends.push(index);
        sentence.push(sentenceIndex);
        breakBefore.push(pendingBreak);
        pendingBreak = 0;
      }
      start = -1;
      pending = '';
      wordStart = -1;
    }
    if (SENTENCE_ENDS.has(code)) {
      // A full stop inside an abbreviation ("u.s.", "e.g.") or followed by a lowercase word does not end
      // a sentence: sentences start in capitals (or the whole text is in capitals).
      let next = index + 1;
      while (code === 0x2e && text.charCodeAt(next) === 0x20) next++;
      const after = text.charCodeAt(next);
      const abbreviation = code === 0x2e && after >= 0x61 && after <= 0x7a;
      if (!abbreviation) {
        if (words.length && sentence[sentence.length - 1] === sentenceIndex) sentenceIndex++;
        pendingBreak = 1;
      }
    } else if (CLAUSE_ENDS.has(code)) pendingBreak = 1;
  }
  return { words, starts, ends, sentence, breakBefore };
}
