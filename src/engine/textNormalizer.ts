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

import {
  type AppliedRewrite,
  KEPT_WORDS,
  type LexiconEntry,
  LONG_TEXT,
  longFields,
  longFieldsSize,
  type NormalizedText,
  NormalizedWords,
  shortFields,
  WordBuffer,
} from './normalizedText.js';
import { APOSTROPHES, CONTRACTIONS, isLigature, ligatureLetters } from './phraseMatcher.js';

export type { AppliedRewrite, NormalizedText, WordNumbers } from './normalizedText.js';

/** One shorthand rewrite: the words as a payer prints them, and the words they stand for. */
export interface Rewrite {
  id: string;
  from: readonly string[];
  to: readonly string[];
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

/** What a character that is not a word character does, by code: a lookup per character, not a Set probe. */
const APOSTROPHE = 1;
const SENTENCE_END = 2;
const CLAUSE_END = 3;
const CHARACTER_ROLES = (() => {
  const roles = new Uint8Array(0x2100);
  for (const code of APOSTROPHES) roles[code] = APOSTROPHE;
  for (const code of [0x2e, 0x21, 0x3f, 0x3b, 0x0a, 0x0d]) roles[code] = SENTENCE_END;
  for (const code of [0x2c, 0x3a, 0x28, 0x29, 0x5b, 0x5d, 0x2014, 0x2013, 0x22, 0x201c, 0x201d])
    roles[code] = CLAUSE_END;
  return roles;
})();
const roleOf = (code: number) => (code < 0x2100 ? (CHARACTER_ROLES[code] as number) : 0);
/** The lexicon holds any realistic vocabulary; past this size it starts again (memory stays bounded). */
const LEXICON_LIMIT = 50_000;
/** Numbers the buffer of {@link TextNormalizer.normalizeTransient} keeps at most from call to call. */
const TRANSIENT_KEPT = 10 * KEPT_WORDS;
/** Sets of the span cache, of two slots each: a power of two. */
const SPAN_SETS = 1 << 12;
/** `spanEntry` holds a slot's lexicon index times this plus its word's length. */
const SPAN_INDEX = 32;

/** Characters of a word the span cache holds at most; a longer word is looked up by its string. */
const SPAN_WORD = 16;

/** The two characters whose lowercase is an ASCII word character: İ (as "i̇") and the Kelvin sign (as "k"). */
const TO_ASCII_WHEN_LOWERED = /[\u0130\u212a]/;

/** The character code at `index`, A–Z lowercased (every other character lowercases to no word character). */
function foldedAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** `text[start, end)` in lowercase: the characters of a word, so A–Z, a–z and 0–9 only. */
function lowerSlice(text: string, start: number, end: number): string {
  return text.slice(start, end).toLowerCase();
}

/** The length of a plural marker, "(s)" or "(es)" in any case, starting at `index`; 0 where there is none. */
function pluralMarkerAt(text: string, index: number): number {
  const first = foldedAt(text, index + 1);
  if (first === 0x73) return text.charCodeAt(index + 2) === 0x29 ? 3 : 0;
  if (first !== 0x65 || foldedAt(text, index + 2) !== 0x73) return 0;
  return text.charCodeAt(index + 3) === 0x29 ? 4 : 0;
}

/**
 * Reads text into normalised words. Build once (per rule set) and reuse: its lexicon (each spelling's
 * stem, as a small integer id) is its state, so that the readers downstream (a phrase automaton, a text
 * model) can cache by id instead of hashing strings. When the lexicon is full it starts again and
 * `epoch` changes: caches keyed by id must then be dropped.
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
  private readonly negators: ReadonlySet<string>;
  private readonly scopeEnders: ReadonlySet<string>;
  private readonly scope: number;
  private readonly entries = new Map<string, LexiconEntry>();
  private readonly stemIds = new Map<string, number>();
  /** Each stem by id. A new array each epoch: a text of an earlier epoch still spells its words from its own. */
  private stems: string[] = [];
  private epochCount = 0;
  /**
   * A small cache of the lexicon by the letter's own characters (an FNV-1a hash of them), so a frequent word is
   * found without cutting it out of the text as a string; a miss falls back to the Map. Hand-written: a Map needs
   * the string first, and making and hashing a string per word was most of the cost on a long letter. Typed
   * arrays side by side (hash, lexicon index and length, characters), small on purpose: a lookup reads a few
   * neighbouring bytes instead of following pointers through the heap. Two slots a set, the one read last kept
   * on a miss: direct-mapped (4,096 slots), the 2,500 words of the benchmark's letters missed one word in fourteen
   * (slots shared by two frequent words); two-way (twice the slots, the same bytes of characters) one in ninety-six,
   * and a letter's normalising is 5% faster, a short text's 4% (paired).
   */
  private readonly spanHash = new Int32Array(SPAN_SETS * 2);
  /** Each slot's lexicon index × SPAN_INDEX + its word's length; -1 for an empty slot. */
  private readonly spanEntry = new Int32Array(SPAN_SETS * 2).fill(-1);
  /** Each slot's characters: ASCII word characters only, so a byte each. */
  private readonly spanChars = new Uint8Array(SPAN_SETS * 2 * SPAN_WORD);
  /** Per set, the slot read or written last (0 or 1): a miss replaces the other. */
  private readonly spanRecent = new Uint8Array(SPAN_SETS);
  private readonly lexicon: LexiconEntry[] = [];
  /** The words as split, and (when the text has shorthand) as rewritten. */
  private readonly splitWords = new WordBuffer();
  private readonly rewrittenWords = new WordBuffer();
  /** Each rewritten word's place among the split words, written in order beside `rewrittenWords`. */
  private readonly rewrittenOrigin: number[] = [];

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
    return this.read(text, false);
  }

  /**
   * {@link normalize} for a reader that is done with a text before it reads the next: a long text's numbers are
   * held in a buffer of this normaliser's, valid until its next call (as {@link IdTranslation.translate}'s answer
   * is). A new zeroed buffer per long text was most of what copying its numbers out cost (classifyDenial on a
   * 10,000-character letter 6.6% faster with this, paired).
   */
  normalizeTransient(text: string): NormalizedText {
    return this.read(text, true);
  }

  private read(text: string, transient: boolean): NormalizedText {
    if (this.entries.size >= LEXICON_LIMIT) this.restart();
    const split = this.splitWords;
    const spanText = this.split(text);
    const shorthand = split.shorthand;
    // Most texts have no shorthand: their words map one to one, and the split words are the words read.
    const rewrites: AppliedRewrite[] = [];
    if (shorthand) this.rewrite(spanText, rewrites);
    const rewritten = shorthand ? { split, origin: this.rewrittenOrigin } : undefined;
    const read = shorthand ? this.rewrittenWords : split;
    const count = read.length;
    const fields =
      count >= LONG_TEXT
        ? longFields(
            read,
            rewritten,
            transient ? this.transientNumbers(longFieldsSize(read, rewritten)) : undefined,
          )
        : shortFields(read, rewritten);
    this.negationScope(read, count, fields.negated);
    const normalized: NormalizedText = new NormalizedWords(
      this.stems,
      fields,
      this.epochCount,
      rewrites,
      spanText,
    );
    split.trim();
    this.rewrittenWords.trim();
    if (this.rewrittenOrigin.length > KEPT_WORDS) this.rewrittenOrigin.length = 0;
    return normalized;
  }

  /** The buffer of {@link normalizeTransient}, with room for `size` numbers. */
  private transientNumbers(size: number): Int32Array {
    if (this.transientBuffer.length < size) this.transientBuffer = new Int32Array(Math.max(size, 16_384));
    const buffer = this.transientBuffer;
    // A huge text's is let go after it (it still has its numbers until the next call).
    if (buffer.length > TRANSIENT_KEPT) this.transientBuffer = new Int32Array(0);
    return buffer;
  }

  private transientBuffer = new Int32Array(0);

  /**
   * The split words with their shorthand rewritten, into `rewrittenWords`: the replacing words share the span
   * they replace, and each word's origin among the split words into `rewrittenOrigin`; notes each rewrite in
   * `rewrites`.
   */
  private rewrite(spanText: string, rewrites: AppliedRewrite[]): void {
    const { entries: split, starts, ends, sentence, breakBefore, length } = this.splitWords;
    const words = this.rewrittenWords;
    words.clear(); // a call that threw midway (a stemmer's fault) leaves nothing behind
    const origin = this.rewrittenOrigin;
    for (let index = 0; index < length; ) {
      const rewrite = (split[index] as LexiconEntry).rewrites
        ? this.rewriteAt(split, breakBefore, index, length)
        : undefined;
      const span = rewrite ? rewrite.from.length : 1;
      const start = starts[index] as number;
      const end = ends[index + span - 1] as number;
      if (rewrite) {
        rewrites.push({
          id: rewrite.id,
          text: spanText.slice(start, end),
          as: rewrite.to.join(' '),
          start,
        });
      }
      const count = rewrite ? rewrite.to.length : 1;
      for (let at = 0; at < count; at++) {
        words.push(
          rewrite ? this.entry(rewrite.to[at] as string) : (split[index] as LexiconEntry),
          start,
          end,
          sentence[index] as number,
          at === 0 ? (breakBefore[index] as number) : 0,
        );
        origin[words.length - 1] = index + Math.min(at, span - 1);
      }
      index += span;
    }
  }

  /** The stem behind an id of the current epoch. */
  stemOfId(id: number): string {
    return this.stems[id] as string;
  }

  private entry(word: string): LexiconEntry {
    let entry = this.entries.get(word);
    if (entry) return entry;
    const stem = this.stemOf(word);
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      id = this.stems.length;
      this.stems.push(stem);
      this.stemIds.set(stem, id);
    }
    const contraction = word.length > 3 ? CONTRACTIONS.get(word) : undefined;
    // The expansion's words first: they may join the lexicon, and this entry's index is its place after them.
    const expansion = contraction
      ? ([this.entry(contraction[0]), this.entry(contraction[1])] as const)
      : undefined;
    entry = {
      index: this.lexicon.length,
      word,
      expansion,
      id,
      rewrites: this.rewrites.has(word),
      negator: this.negators.has(word),
      scopeEnder: this.scopeEnders.has(word),
    };
    this.entries.set(word, entry);
    this.lexicon.push(entry);
    return entry;
  }

  private restart(): void {
    this.spanEntry.fill(-1);
    this.lexicon.length = 0;
    this.entries.clear();
    this.stemIds.clear();
    this.stems = [];
    this.epochCount++;
  }

  private rewriteAt(
    entries: readonly LexiconEntry[],
    breakBefore: ArrayLike<number>,
    index: number,
    length: number,
  ) {
    const candidates = this.rewrites.get((entries[index] as LexiconEntry).word);
    if (!candidates) return undefined;
    outer: for (const rewrite of candidates) {
      if (index + rewrite.from.length > length) continue;
      for (let at = 1; at < rewrite.from.length; at++) {
        // Shorthand never spans a clause boundary: "cov, term" is two things.
        if ((entries[index + at] as LexiconEntry).word !== rewrite.from[at] || breakBefore[index + at])
          continue outer;
      }
      return rewrite;
    }
    return undefined;
  }

  /** Marks in `negated` the words inside a negation's scope. */
  private negationScope(words: WordBuffer, count: number, negated: { [index: number]: number }): void {
    const { entries, breakBefore: breaks } = words;
    let left = 0;
    for (let index = 0; index < count; index++) {
      const entry = entries[index] as LexiconEntry;
      if (breaks[index] || entry.scopeEnder) left = 0;
      if (entry.negator) {
        left = this.scope;
        negated[index] = 0;
        continue;
      }
      negated[index] = left > 0 ? 1 : 0;
      if (left > 0) left--;
    }
  }

  /** The lexicon entry of the characters `lower[start, end)`, found by the span cache (or the lexicon). */
  private entryAt(lower: string, start: number, end: number, hash: number): LexiconEntry {
    const length = end - start;
    const set = hash & (SPAN_SETS - 1);
    for (let way = 0; way < 2; way++) {
      const slot = 2 * set + way;
      const cached = this.spanEntry[slot] as number;
      if (cached < 0 || this.spanHash[slot] !== hash || cached % SPAN_INDEX !== length) continue;
      const chars = this.spanChars;
      const base = slot * SPAN_WORD;
      let at = 0;
      while (at < length && chars[base + at] === foldedAt(lower, start + at)) at++;
      if (at === length) {
        this.spanRecent[set] = way;
        return this.lexicon[(cached - length) / SPAN_INDEX] as LexiconEntry;
      }
    }
    return this.entryMissed(lower, start, end, hash);
  }

  /**
   * {@link entryAt} where the span cache does not hold the word: the lexicon's entry, which the cache then holds.
   * Apart from the hit above so that the hit is small enough for V8 to inline into the split loop: with the miss
   * inside, the split's typed buffers and word loop grew it past V8's inlining budget, and a short text's
   * normalising was 10% slower than before them; with it apart, the same as before them (paired).
   */
  private entryMissed(lower: string, start: number, end: number, hash: number): LexiconEntry {
    const length = end - start;
    const entry = this.entry(lowerSlice(lower, start, end));
    // A longer word is looked up by its string each time (a slot's length never exceeds SPAN_WORD).
    if (length > SPAN_WORD) return entry;
    const set = hash & (SPAN_SETS - 1);
    // An empty slot first, else the one not read last.
    const way =
      (this.spanEntry[2 * set] as number) < 0
        ? 0
        : (this.spanEntry[2 * set + 1] as number) < 0
          ? 1
          : 1 - (this.spanRecent[set] as number);
    const slot = 2 * set + way;
    const base = slot * SPAN_WORD;
    this.spanEntry[slot] = entry.index * SPAN_INDEX + length;
    this.spanHash[slot] = hash;
    for (let at = 0; at < length; at++) this.spanChars[base + at] = foldedAt(lower, start + at);
    this.spanRecent[set] = way;
    return entry;
  }

  /**
   * Words of a text as lexicon entries, with their spans and boundaries, before rewrites, into `splitWords`.
   * Gives the text the spans index.
   */
  private split(text: string): string {
    // A–Z are folded as they are read (`foldedAt`): lowercasing the whole text first was a pass over it and a
    // copy of it per call. Only two characters lowercase to ASCII word characters, İ (to two characters) and the
    // Kelvin sign: a text holding one is lowercased whole first, as before, and its spans index that.
    const lower = TO_ASCII_WHEN_LOWERED.test(text) ? text.toLowerCase() : text;
    const positions = this.splitWords;
    positions.clear(); // a call that threw midway (a stemmer's fault) leaves nothing behind
    let sentenceIndex = 0;
    // The sentence of the last word read (-1 before any): a sentence end with no word since starts none.
    let lastSentence = -1;
    let pendingBreak = 1;
    // The word being read: its characters since `start`, after `pending` (the part before an apostrophe
    // or a plural marker, which join: "plan's" → "plans", "service(s)" → "service").
    let start = -1;
    let pending = '';
    let wordStart = -1;
    let hash = 0x811c9dc5;
    const length = lower.length;
    for (let index = 0; index <= length; index++) {
      let code = index < length ? foldedAt(lower, index) : 0x20;
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
        if (start < 0) start = index;
        if (wordStart < 0) wordStart = index;
        hash = Math.imul(hash ^ code, 0x01000193);
        // The rest of the word in a loop of its own, which checks only for a word character: most characters
        // are inside words (a 10,000-character letter's normalising 7% faster, paired).
        for (index++; index < length; index++) {
          code = foldedAt(lower, index);
          if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) break;
          hash = Math.imul(hash ^ code, 0x01000193);
        }
        // What ends the word is read below, as any character that is not a word character is.
        if (index === length) code = 0x20;
      }
      // A typographic ligature ("beneﬁt", from a PDF): its letters join the word, as an apostrophe's parts do.
      if (isLigature(code)) {
        if (start >= 0) pending += lowerSlice(lower, start, index);
        pending += ligatureLetters(code);
        start = -1;
        if (wordStart < 0) wordStart = index;
        continue;
      }
      const role = roleOf(code);
      // An apostrophe inside a word joins its parts, however many follow one another ("0``0" → "00"), as
      // tokenize reads them.
      if (role === APOSTROPHE && (start >= 0 || pending)) {
        if (start >= 0) pending += lowerSlice(lower, start, index);
        start = -1;
        continue;
      }
      if (start >= 0) {
        const marker = code === 0x28 ? pluralMarkerAt(lower, index) : 0;
        if (marker) {
          pending += lowerSlice(lower, start, index);
          start = -1;
          index += marker - 1;
          continue;
        }
      }
      if (wordStart >= 0) {
        const entry = pending
          ? this.entry(start < 0 ? pending : pending + lowerSlice(lower, start, index))
          : this.entryAt(lower, start, index, hash);
        if (entry.expansion) {
          // A negative contraction: two words on one span ("isn't" → is, not).
          positions.push(entry.expansion[0], wordStart, index, sentenceIndex, pendingBreak);
          positions.push(entry.expansion[1], wordStart, index, sentenceIndex, 0);
        } else {
          positions.push(entry, wordStart, index, sentenceIndex, pendingBreak);
        }
        lastSentence = sentenceIndex;
        pendingBreak = 0;
        start = -1;
        if (pending) pending = '';
        wordStart = -1;
        hash = 0x811c9dc5;
      }
      if (role === SENTENCE_END) {
        // A full stop inside an abbreviation ("u.s.", "e.g.") or followed by a lowercase word does not end
        // a sentence: sentences start in capitals (or the whole text is in capitals).
        let next = index + 1;
        while (code === 0x2e && text.charCodeAt(next) === 0x20) next++;
        const after = text.charCodeAt(next);
        const abbreviation = code === 0x2e && after >= 0x61 && after <= 0x7a;
        if (!abbreviation) {
          if (lastSentence === sentenceIndex) sentenceIndex++;
          pendingBreak = 1;
        }
      } else if (role === CLAUSE_END) pendingBreak = 1;
    }
    // Spans index the lowercase text; it is the text itself unless lowercasing changed a length ("İ").
    return lower.length === text.length ? text : lower;
  }
}

/**
 * Translates a normaliser's word ids into another vocabulary's (a phrase automaton's, say), caching each
 * answer by id: a word is looked up by its string once per lexicon epoch, not once per occurrence.
 */
export class IdTranslation {
  private epoch = -1;
  private table = new Int32Array(0);
  /** The answer's buffer, kept from call to call: a new typed array per text cost a microsecond. */
  private out = new Int32Array(256);

  /** `lookup` gives the other vocabulary's id of a stem (-1 when it has none). */
  constructor(
    private readonly normalizer: TextNormalizer,
    private readonly lookup: (stem: string) => number,
  ) {}

  /**
   * The text's words as ids of the other vocabulary: the first `text.ids.length` entries of the array
   * returned. The array is this translation's buffer, valid until its next call.
   */
  translate(text: NormalizedText): Int32Array {
    if (text.epoch !== this.epoch) {
      this.epoch = text.epoch;
      this.table = new Int32Array(Math.max(256, this.table.length)).fill(-2);
    }
    if (this.out.length < text.ids.length) this.out = new Int32Array(text.ids.length * 2);
    const out = this.out;
    for (let index = 0; index < text.ids.length; index++) {
      const id = text.ids[index] as number;
      if (id >= this.table.length) {
        const grown = new Int32Array(Math.max(id + 1, this.table.length * 2)).fill(-2);
        grown.set(this.table);
        this.table = grown;
      }
      let translated = this.table[id] as number;
      if (translated === -2) {
        translated = this.lookup(this.normalizer.stemOfId(id));
        this.table[id] = translated;
      }
      out[index] = translated;
    }
    return out;
  }
}
