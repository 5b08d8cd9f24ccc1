import { PhraseMatcher } from './phraseMatcher.js';

/** Words that must all occur near each other: each term is a list of alternative phrases. */
export interface ProximityPattern<Payload> {
  /** Every term must occur; a term occurs when any of its alternative phrases does. */
  terms: readonly (readonly string[])[];
  /** The longest span, in words, that may hold one occurrence of every term (in any order). */
  within: number;
  payload: Payload;
}

/**
 * Term occurrences packed four numbers each: pattern, term, first word, last word. Flat, because a
 * letter has many (common words such as "not" are terms) and one object each would be the main cost.
 */
export type TermOccurrences = number[];

/** A term's start before its first occurrence: below any word position, as no window can reach back to it. */
const NOT_SEEN = -0x80000000;

/**
 * The windows of a set of patterns, indexed once. `complete` takes the term occurrences in order of
 * their last word and keeps only the start of each term's latest occurrence, so each occurrence costs
 * only its own pattern's terms: linear in the number of occurrences.
 */
export class ProximityIndex {
  private readonly offsets: Int32Array;
  private readonly sizes: Int32Array;
  private readonly within: Int32Array;
  // Scratch space reused by every call (calls are synchronous, so never overlap): allocating typed
  // arrays per call cost more than the matching itself. Word positions as integers (NOT_SEEN before a term's
  // first occurrence): a window's positions read from a Float64Array were doubles, which V8 boxes one by one in
  // the window object (what finding a letter's windows allocated: 13.3 → 8.6 KB, sampled).
  private readonly lastStart: Int32Array;
  private readonly lastEnd: Int32Array;
  /** The start of the longest of a term's alternatives that end at its latest occurrence's last word. */
  private readonly longestStart: Int32Array;
  private readonly done: Uint8Array;
  /** Per call: whether each term occurs, and how many of each pattern's terms do. */
  private readonly termOccurs: Uint8Array;
  private readonly termsOccurring: Int32Array;

  constructor(patterns: readonly { terms: readonly unknown[]; within: number }[]) {
    this.offsets = new Int32Array(patterns.length);
    this.sizes = new Int32Array(patterns.length);
    this.within = new Int32Array(patterns.length);
    let termCount = 0;
    patterns.forEach((pattern, index) => {
      this.offsets[index] = termCount;
      this.sizes[index] = pattern.terms.length;
      this.within[index] = pattern.within;
      termCount += pattern.terms.length;
    });
    this.lastStart = new Int32Array(termCount);
    this.lastEnd = new Int32Array(termCount);
    this.longestStart = new Int32Array(termCount);
    this.done = new Uint8Array(patterns.length);
    this.termOccurs = new Uint8Array(termCount);
    this.termsOccurring = new Int32Array(patterns.length);
  }

  /**
   * The patterns whose terms all occur inside their window, in the order they complete: for each, its
   * index, the first and last word of the window that completed it, where the window's first term ends
   * (`firstEnd`) and begins (`firstStart`: the longest of its alternatives ending there, "tried and failed" rather
   * than "failed"; the window itself starts at the latest, `start`) and where its last term begins (`lastStart`).
   * Each pattern once (its first window), or,
   * with `every`, each window that completes it again at a later term (at most one a term occurrence: linear).
   */
  complete(
    occurrences: TermOccurrences,
    /** How many of the numbers to read: a reused buffer can be longer than its content. */
    count = occurrences.length,
    every = false,
  ): ProximityWindow[] {
    const numbers: number[] = [];
    const windows = this.completeInto(occurrences, count, every, numbers);
    const result: ProximityWindow[] = [];
    for (let at = 0; at < windows * WINDOW_NUMBERS; at += WINDOW_NUMBERS) {
      result.push({
        pattern: numbers[at] as number,
        start: numbers[at + 1] as number,
        end: numbers[at + 2] as number,
        firstStart: numbers[at + 3] as number,
        firstEnd: numbers[at + 4] as number,
        lastStart: numbers[at + 5] as number,
      });
    }
    return result;
  }

  /**
   * {@link complete}, its windows written into `windows` as WINDOW_NUMBERS numbers each (pattern, start, end,
   * firstStart, firstEnd, lastStart), from its start: for a reader that keeps the array from call to call rather
   * than an object per window (a letter has a hundred or more). Returns how many windows it wrote.
   */
  completeInto(occurrences: TermOccurrences, count: number, every: boolean, windows: number[]): number {
    let written = 0;
    const lastStart = this.lastStart.fill(NOT_SEEN);
    // Read only for a term seen in this call (its `lastStart` set): no second fill per call.
    const lastEnd = this.lastEnd;
    const longestStart = this.longestStart;
    const done = this.done.fill(0);
    // A pattern completes only once each of its terms has occurred: first, which patterns have every term in the
    // text at all. The others' occurrences, about half of a letter's (common words such as "not" are terms of
    // many patterns), are then passed over (a 10,000-character letter 2.7% faster, paired).
    const termOccurs = this.termOccurs.fill(0);
    const termsOccurring = this.termsOccurring.fill(0);
    for (let at = 0; at + 3 < count; at += 4) {
      const pattern = occurrences[at] as number;
      const slot = (this.offsets[pattern] as number) + (occurrences[at + 1] as number);
      if (termOccurs[slot]) continue;
      termOccurs[slot] = 1;
      termsOccurring[pattern] = (termsOccurring[pattern] as number) + 1;
    }
    for (let at = 0; at + 3 < count; at += 4) {
      const pattern = occurrences[at] as number;
      if (termsOccurring[pattern] !== this.sizes[pattern]) continue;
      const term = occurrences[at + 1] as number;
      const start = occurrences[at + 2] as number;
      const end = occurrences[at + 3] as number;
      const base = this.offsets[pattern] as number;
      // Alternatives of one term ending at the same word arrive longest first ("tried and failed", then "failed").
      const seen = lastStart[base + term] !== NOT_SEEN;
      longestStart[base + term] =
        seen && lastEnd[base + term] === end ? Math.min(longestStart[base + term] as number, start) : start;
      lastStart[base + term] = start;
      lastEnd[base + term] = end;
      if (done[pattern]) continue;
      let earliest = start;
      let firstEnd = end;
      let firstStart = longestStart[base + term] as number;
      const size = this.sizes[pattern] as number;
      for (let index = 0; index < size; index++) {
        const termStart = lastStart[base + index] as number;
        if (termStart < earliest) {
          earliest = termStart;
          firstEnd = lastEnd[base + index] as number;
          firstStart = longestStart[base + index] as number;
        }
      }
      if (end - earliest + 1 <= (this.within[pattern] as number)) {
        if (!every) done[pattern] = 1;
        // Written in order, so the array stays packed.
        const at = written * WINDOW_NUMBERS;
        windows[at] = pattern;
        windows[at + 1] = earliest;
        windows[at + 2] = end;
        windows[at + 3] = firstStart;
        windows[at + 4] = firstEnd;
        windows[at + 5] = start;
        written++;
      }
    }
    return written;
  }
}

/** Numbers a window takes in {@link ProximityIndex.completeInto}. */
export const WINDOW_NUMBERS = 6;

/** A window that completes a pattern: the words it spans, and where its first term ends and its last begins. */
export interface ProximityWindow {
  pattern: number;
  start: number;
  end: number;
  firstStart: number;
  firstEnd: number;
  lastStart: number;
}

/** Where a term's phrase belongs: its pattern and its place among the pattern's terms. */
export interface TermPayload {
  kind: 'term';
  pattern: number;
  term: number;
}

/**
 * The phrase entries for the terms of some patterns, for a {@link PhraseMatcher}. Plain loops, one object per
 * entry: a rule set's compile runs this once, on a first call, before V8 optimises it, where nested `flatMap`
 * closures cost several times as much for the classifier's thousands of terms.
 */
export function termEntries(
  patterns: readonly { terms: readonly (readonly string[])[] }[],
): { phrase: string; payload: TermPayload }[] {
  const entries: { phrase: string; payload: TermPayload }[] = [];
  for (let pattern = 0; pattern < patterns.length; pattern++) {
    const { terms } = patterns[pattern] as { terms: readonly (readonly string[])[] };
    for (let term = 0; term < terms.length; term++) {
      for (const phrase of terms[term] as readonly string[])
        entries.push({ phrase, payload: { kind: 'term', pattern, term } });
    }
  }
  return entries;
}

/**
 * Finds patterns such as "diagnosis … inconsistent with … procedure" whose words come in varied order
 * and with other words between them, where a fixed phrase list cannot follow the wording. One pass
 * over the words with the phrase automaton, then {@link ProximityIndex}: linear in the text.
 *
 * @example
 * ```ts
 * const near = new ProximityMatcher([
 *   { terms: [['diagnosis'], ['inconsistent with', 'does not support']], within: 8, payload: 'dx' },
 * ]);
 * near.findAll(tokenize('The diagnosis listed is inconsistent with the procedure.')); // ['dx']
 * ```
 */
export class ProximityMatcher<Payload> {
  private readonly terms: PhraseMatcher<TermPayload>;
  private readonly index: ProximityIndex;

  constructor(private readonly patterns: readonly ProximityPattern<Payload>[]) {
    this.terms = new PhraseMatcher(termEntries(patterns));
    this.index = new ProximityIndex(patterns);
  }

  /** The payload of every pattern found in the words, each once, in the order they complete. */
  findAll(words: readonly string[]): Payload[] {
    const occurrences: TermOccurrences = [];
    this.terms.forEachMatch(words, ({ pattern, term }, start, end) => {
      occurrences.push(pattern, term, start, end);
    });
    return this.index
      .complete(occurrences)
      .map(({ pattern }) => (this.patterns[pattern] as ProximityPattern<Payload>).payload);
  }
}
