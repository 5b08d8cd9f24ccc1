/**
 * A text as the normaliser reads it ({@link NormalizedText}), and how its numbers per word are held: plain arrays
 * copied from reused buffers for most texts, one `Int32Array` for a long one. Split from textNormalizer.ts, which
 * reads the characters; this module only stores what was read.
 */

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

/**
 * Numbers per word: a plain array for most texts, an `Int32Array` for a long one (see {@link LONG_TEXT}). Read by
 * index only.
 */
export type WordNumbers = ArrayLike<number>;

/** A text read into normalised words. */
export interface NormalizedText {
  /** The words, rewritten and stemmed (made on first read: readers that go by `ids` need not). */
  readonly words: string[];
  /** Each word's id in the normaliser's lexicon (valid for `epoch`): for caches downstream. */
  ids: WordNumbers;
  epoch: number;
  /** Character span of each word in the text (a rewrite's words share the span of what they replace). */
  starts: WordNumbers;
  ends: WordNumbers;
  /** 1 where a word is inside the scope of a negation word that precedes it. */
  negated: WordNumbers;
  /** Index of the sentence each word is in (a sentence ends at `.`, `!`, `?`, `;` or a line break). */
  sentence: WordNumbers;
  /** 1 where a clause boundary (sentence end, `,`, `:`, brackets, a dash) comes just before the word. */
  breakBefore: WordNumbers;
  /**
   * The letter's own words, before rewrites: a distance in words ("within 8") is counted here, so that
   * "DOS" read as "date of service" is still one word away. `origin` maps each normalised word to its own.
   */
  source: { starts: WordNumbers; ends: WordNumbers; sentence: WordNumbers };
  origin: WordNumbers;
  rewrites: AppliedRewrite[];
  /**
   * The text the spans index: the text itself, or its lowercase form in the rare case where lowercasing
   * changes a length ("İ" becomes two characters). Quote with `spanText.slice(start, end)`.
   */
  spanText: string;
}

/** What the lexicon knows of a word as the letter spells it. */
export interface LexiconEntry {
  /** Its place in the lexicon's list (the span cache holds it). */
  index: number;
  /** The spelling (lowercase). */
  word: string;
  /** A negative contraction's two words ("isnt" → is, not). */
  expansion: readonly [LexiconEntry, LexiconEntry] | undefined;
  /** Id of its stem. */
  id: number;
  /** Whether a shorthand rewrite starts with it. */
  rewrites: boolean;
  negator: boolean;
  scopeEnder: boolean;
}

/**
 * Words as lexicon entries, with each word's id, character span, sentence and clause boundary, kept from call to
 * call (calls never overlap), of which the first `length` are this text's. Measured: pushing onto new arrays per
 * text cost more than the rest of the split on a long letter. The numbers are typed arrays grown by doubling, so
 * that a long text's are copied out at the end as memory ({@link longFields}: a 10,000-character letter's normalising
 * about 5% faster, paired), where the plain arrays of before were copied number by number; a short text's
 * are copied into plain arrays ({@link shortFields}), which a short text reads faster than typed ones (a typed
 * array of its own is an allocation of about a microsecond). The id is written beside the entry as it is read,
 * so that copying the ids does not visit every entry again.
 */
export class WordBuffer {
  length = 0;
  /** Whether a word pushed since the last {@link clear} starts a shorthand rewrite. */
  shorthand = false;
  readonly entries: LexiconEntry[] = [];
  ids = new Int32Array(INITIAL_WORDS);
  starts = new Int32Array(INITIAL_WORDS);
  ends = new Int32Array(INITIAL_WORDS);
  sentence = new Int32Array(INITIAL_WORDS);
  breakBefore = new Int32Array(INITIAL_WORDS);

  push(entry: LexiconEntry, start: number, end: number, sentence: number, breakBefore: number): void {
    const at = this.length++;
    if (at === this.ids.length) this.grow();
    // Written in order, so the entries stay packed: past their length this appends.
    this.entries[at] = entry;
    if (entry.rewrites) this.shorthand = true;
    this.ids[at] = entry.id;
    this.starts[at] = start;
    this.ends[at] = end;
    this.sentence[at] = sentence;
    this.breakBefore[at] = breakBefore;
  }

  /** Empties the buffer (a call that threw midway leaves nothing behind). */
  clear(): void {
    this.length = 0;
    this.shorthand = false;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const widen = (from: Int32Array) => {
      const grown = new Int32Array(size);
      grown.set(from);
      return grown;
    };
    this.ids = widen(this.ids);
    this.starts = widen(this.starts);
    this.ends = widen(this.ends);
    this.sentence = widen(this.sentence);
    this.breakBefore = widen(this.breakBefore);
  }

  /** Drops what a huge text left, so that the buffers kept for the process's life stay small. */
  trim(): void {
    if (this.ids.length <= KEPT_WORDS) return;
    this.entries.length = 0;
    this.ids = new Int32Array(INITIAL_WORDS);
    this.starts = new Int32Array(INITIAL_WORDS);
    this.ends = new Int32Array(INITIAL_WORDS);
    this.sentence = new Int32Array(INITIAL_WORDS);
    this.breakBefore = new Int32Array(INITIAL_WORDS);
  }
}

/** Words a buffer has room for before it first grows. */
const INITIAL_WORDS = 256;

/** Words of a text the buffers keep from call to call at most; a longer text's are let go after it. */
export const KEPT_WORDS = 65_536;

/** Words from which a text's numbers are held in one `Int32Array` instead of plain arrays. */
export const LONG_TEXT = 1024;

/** The numbers per word of a text, before the fields every text has. */
export type TextFields = Pick<
  NormalizedText,
  'ids' | 'starts' | 'ends' | 'sentence' | 'breakBefore' | 'source' | 'origin'
> & { negated: { [index: number]: number } & WordNumbers };

/** The first `target.length` numbers of `from` into `target`. */
function copyInto(target: Int32Array, from: ArrayLike<number>): Int32Array {
  for (let index = 0; index < target.length; index++) target[index] = from[index] as number;
  return target;
}

/**
 * Where shorthand was rewritten: the words as split (the letter's own, for `source`) and each rewritten word's
 * place among them (a buffer longer than the text). Absent, the words read are the words split.
 */
export interface Rewritten {
  split: WordBuffer;
  origin: readonly number[];
}

/** The first `count` numbers of a buffer as a plain array. */
function plain(from: Int32Array, count: number): number[] {
  const numbers: number[] = new Array(count);
  for (let index = 0; index < count; index++) numbers[index] = from[index] as number;
  return numbers;
}

/** A short text's numbers: copies of the buffers' first words as plain arrays. */
export function shortFields(read: WordBuffer, rewritten: Rewritten | undefined): TextFields {
  const count = read.length;
  const starts = plain(read.starts, count);
  const ends = plain(read.ends, count);
  const sentence = plain(read.sentence, count);
  return {
    ids: plain(read.ids, count),
    starts,
    ends,
    sentence,
    breakBefore: plain(read.breakBefore, count),
    // Sized once: pushing onto an empty array grows it several times over a long text.
    negated: new Array(count),
    source: rewritten
      ? {
          starts: plain(rewritten.split.starts, rewritten.split.length),
          ends: plain(rewritten.split.ends, rewritten.split.length),
          sentence: plain(rewritten.split.sentence, rewritten.split.length),
        }
      : { starts, ends, sentence },
    origin: rewritten ? rewritten.origin.slice(0, count) : starts.map((_, index) => index),
  };
}

/**
 * A normalised text whose words are spelt when first asked for: readers that go by id (the phrase automaton,
 * a warm text model) never ask, and on a long letter the strings were thousands of pointers per call. A class
 * with the getter on its prototype: a getter in an object literal gave every text a map of its own, which
 * kept each text alive past the young generation's collections (measured: scavenges 0.4 → 2 ms).
 */
export class NormalizedWords implements NormalizedText {
  readonly ids: WordNumbers;
  readonly epoch: number;
  readonly starts: WordNumbers;
  readonly ends: WordNumbers;
  readonly negated: WordNumbers;
  readonly sentence: WordNumbers;
  readonly breakBefore: WordNumbers;
  readonly source: NormalizedText['source'];
  readonly origin: WordNumbers;
  readonly rewrites: AppliedRewrite[];
  readonly spanText: string;
  private spelt: string[] | undefined;

  constructor(
    /** The normaliser's stems by id, for this text's epoch (a new epoch gets a new array). */
    private readonly stems: readonly string[],
    fields: TextFields,
    epoch: number,
    rewrites: AppliedRewrite[],
    spanText: string,
  ) {
    // Field by field, not by spread: an object spread per text cost more than reading a short one.
    this.ids = fields.ids;
    this.epoch = epoch;
    this.starts = fields.starts;
    this.ends = fields.ends;
    this.negated = fields.negated;
    this.sentence = fields.sentence;
    this.breakBefore = fields.breakBefore;
    this.source = fields.source;
    this.origin = fields.origin;
    this.rewrites = rewrites;
    this.spanText = spanText;
  }

  get words(): string[] {
    this.spelt ??= Array.from(this.ids, (id) => this.stems[id] as string);
    return this.spelt;
  }
}

/** How many numbers {@link longFields} holds. */
export function longFieldsSize(read: WordBuffer, rewritten: Rewritten | undefined): number {
  return 7 * read.length + 3 * (rewritten ? rewritten.split.length : 0);
}

/**
 * A long text's numbers in one `Int32Array` (views of it): off the young generation's heap, at half the
 * size of plain arrays of numbers, and one allocation instead of ten. Measured on 10,000-character letters:
 * the word arrays were most of what a letter still allocated, and each collection of the young generation
 * (about 0.4 ms) landed on one call in a hundred, the 99th percentile.
 */
export function longFields(
  read: WordBuffer,
  rewritten: Rewritten | undefined,
  /** Where to hold them, at least {@link longFieldsSize} long; a new array when absent. Every number is written. */
  into?: Int32Array,
): TextFields {
  const count = read.length;
  const split = rewritten?.split;
  const sourceCount = split ? split.length : 0;
  const buffer = into ?? new Int32Array(longFieldsSize(read, rewritten));
  let offset = 0;
  const next = (length: number) => {
    offset += length;
    return buffer.subarray(offset - length, offset);
  };
  // Typed into typed: `set` copies memory.
  const copy = (from: Int32Array, length: number) => {
    buffer.set(from.subarray(0, length), offset);
    return next(length);
  };
  const ids = copy(read.ids, count);
  const starts = copy(read.starts, count);
  const ends = copy(read.ends, count);
  const sentence = copy(read.sentence, count);
  const breakBefore = copy(read.breakBefore, count);
  const origin = next(count);
  if (rewritten) copyInto(origin, rewritten.origin);
  else for (let index = 0; index < count; index++) origin[index] = index;
  const negated = next(count);
  const source = split
    ? {
        starts: copy(split.starts, sourceCount),
        ends: copy(split.ends, sourceCount),
        sentence: copy(split.sentence, sourceCount),
      }
    : { starts, ends, sentence };
  return { ids, starts, ends, sentence, breakBefore, negated, source, origin };
}
