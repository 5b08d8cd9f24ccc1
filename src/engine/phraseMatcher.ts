/**
 * Linear-time phrase matching over words: an Aho–Corasick automaton whose alphabet is words, not
 * characters. Text and phrases go through the same normalisation, so matching tolerates case, curly
 * quotes, apostrophes, hyphens and any punctuation, and never backtracks over user text.
 */

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x60, 0xb4, 0x2032]);

/**
 * Negative contractions are spelt out, so "isn't medically necessary" reads as "is not medically
 * necessary" and a phrase written either way matches both.
 */
const CONTRACTIONS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['isnt', ['is', 'not']],
  ['arent', ['are', 'not']],
  ['wasnt', ['was', 'not']],
  ['werent', ['were', 'not']],
  ['doesnt', ['does', 'not']],
  ['dont', ['do', 'not']],
  ['didnt', ['did', 'not']],
  ['hasnt', ['has', 'not']],
  ['havent', ['have', 'not']],
  ['hadnt', ['had', 'not']],
  ['cant', ['can', 'not']],
  ['cannot', ['can', 'not']],
  ['couldnt', ['could', 'not']],
  ['wouldnt', ['would', 'not']],
  ['shouldnt', ['should', 'not']],
  ['wont', ['will', 'not']],
  ['mustnt', ['must', 'not']],
  ['neednt', ['need', 'not']],
]);

/**
 * Splits text into lowercase words of `a–z0–9`. Apostrophes join (`plan's` → `plans`), negative
 * contractions are spelt out (`doesn't` → `does not`), every other character separates words
 * (`out-of-network` → `out of network`). One pass, O(n).
 *
 * @example
 * ```ts
 * tokenize('Doesn’t meet InterQual® criteria—"out-of-network"');
 * // ['does', 'not', 'meet', 'interqual', 'criteria', 'out', 'of', 'network']
 * ```
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const lower = text.toLowerCase();
  // Slices of word characters; `pending` holds the part of a word before an apostrophe.
  let start = -1;
  let pending = '';
  const end = (at: number) => {
    const word = start < 0 ? pending : pending ? pending + lower.slice(start, at) : lower.slice(start, at);
    start = -1;
    pending = '';
    if (!word) return;
    // Every contraction listed ends in "t" and has four letters or more: skip the lookup for the rest.
    const expanded = word.length > 3 && word.charCodeAt(word.length - 1) === 0x74 ? CONTRACTIONS.get(word) : undefined;
    if (expanded) tokens.push(expanded[0], expanded[1]);
    else tokens.push(word);
  };
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (start < 0) start = index;
    } else if (APOSTROPHES.has(code)) {
      if (start >= 0) pending += lower.slice(start, index);
      start = -1;
    } else if (start >= 0 || pending) {
      end(index);
    }
  }
  end(lower.length);
  return tokens;
}

interface AutomatonNode {
  next: Map<string, number>;
  fail: number;
  /** Entries whose phrase ends exactly here. */
  outputs: number[];
  /** Nearest node on the fail chain that has outputs (a dictionary suffix link), or -1. */
  outputLink: number;
}

/** One phrase to find, with an opaque payload returned on a match. */
export interface PhraseEntry<Payload> {
  phrase: string;
  payload: Payload;
}

/** A phrase found in a text. */
export interface PhraseMatch<Payload> {
  phrase: string;
  payload: Payload;
}

/**
 * A compiled set of phrases. Build once per rule set; `findAll` runs in time linear in the number of
 * words of the text plus the number of distinct phrases found.
 *
 * @example
 * ```ts
 * const matcher = new PhraseMatcher([{ phrase: 'not medically necessary', payload: 'mn' }]);
 * matcher.findAll('It is NOT medically-necessary.'); // [{ phrase: 'not medically necessary', payload: 'mn' }]
 * ```
 */
export class PhraseMatcher<Payload> {
  private readonly nodes: AutomatonNode[] = [{ next: new Map(), fail: 0, outputs: [], outputLink: -1 }];
  private readonly entries: { phrase: string; payload: Payload }[] = [];
  private readonly lengths: number[] = [];
  /** Every word of every phrase: a word outside it sends the automaton straight back to the root. */
  private readonly vocabulary = new Set<string>();

  constructor(entries: readonly PhraseEntry<Payload>[]) {
    for (const entry of entries) this.insert(entry);
    this.link();
  }

  private insert(entry: PhraseEntry<Payload>): void {
    const words = tokenize(entry.phrase);
    if (words.length === 0) return;
    let state = 0;
    for (const word of words) {
      this.vocabulary.add(word);
      const node = this.nodes[state] as AutomatonNode;
      let next = node.next.get(word);
      if (next === undefined) {
        next = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, outputs: [], outputLink: -1 });
        node.next.set(word, next);
      }
      state = next;
    }
    (this.nodes[state] as AutomatonNode).outputs.push(this.entries.length);
    this.entries.push({ phrase: entry.phrase, payload: entry.payload });
    this.lengths.push(words.length);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of (this.nodes[0] as AutomatonNode).next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const node = this.nodes[state] as AutomatonNode;
      for (const [word, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !(this.nodes[fail] as AutomatonNode).next.has(word))
          fail = (this.nodes[fail] as AutomatonNode).fail;
        const target = (this.nodes[fail] as AutomatonNode).next.get(word);
        const childNode = this.nodes[child] as AutomatonNode;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        const failNode = this.nodes[childNode.fail] as AutomatonNode;
        childNode.outputLink = failNode.outputs.length > 0 ? childNode.fail : failNode.outputLink;
        queue.push(child);
      }
    }
  }

  /** Every distinct phrase that occurs in `text` (or in already tokenized words), in order of first occurrence. */
  findAll(text: string | readonly string[]): PhraseMatch<Payload>[] {
    const found = new Set<number>();
    const result: PhraseMatch<Payload>[] = [];
    this.scan(typeof text === 'string' ? tokenize(text) : text, (entryIndex) => {
      if (found.has(entryIndex)) return;
      found.add(entryIndex);
      result.push(this.entries[entryIndex] as PhraseMatch<Payload>);
    });
    return result;
  }

  /**
   * Replaces every occurrence of these phrases with a gap that no phrase can match across, so that
   * boilerplate ("if this decision was based on a medical necessity or experimental treatment … limit")
   * does not count as a reason. Linear, like {@link findAll}.
   */
  mask(words: readonly string[]): string[] {
    const masked = [...words];
    this.scan(words, (entryIndex, end) => {
      const length = this.lengths[entryIndex] as number;
      for (let at = end - length + 1; at <= end; at++) masked[at] = '';
    });
    return masked;
  }

  /** Every occurrence, in order of its last word, with the positions of its first and last word. */
  collect(words: readonly string[]): { payload: Payload; start: number; end: number }[] {
    const occurrences: { payload: Payload; start: number; end: number }[] = [];
    this.forEachMatch(words, (payload, start, end) => {
      occurrences.push({ payload, start, end });
    });
    return occurrences;
  }

  /** Calls `onMatch` for every occurrence, with the payload, the phrase's first and last word positions. */
  forEachMatch(
    words: readonly string[],
    onMatch: (payload: Payload, startWord: number, endWord: number) => void,
  ): void {
    this.scan(words, (entryIndex, end) => {
      onMatch(
        (this.entries[entryIndex] as PhraseMatch<Payload>).payload,
        end - (this.lengths[entryIndex] as number) + 1,
        end,
      );
    });
  }

  private scan(words: readonly string[], onMatch: (entryIndex: number, endWord: number) => void): void {
    let state = 0;
    for (let position = 0; position < words.length; position++) {
      const word = words[position] as string;
      if (!this.vocabulary.has(word)) {
        state = 0;
        continue;
      }
      let node = this.nodes[state] as AutomatonNode;
      while (state !== 0 && !node.next.has(word)) {
        state = node.fail;
        node = this.nodes[state] as AutomatonNode;
      }
      state = node.next.get(word) ?? 0;
      for (let at = state; at > 0; at = (this.nodes[at] as AutomatonNode).outputLink) {
        for (const entryIndex of (this.nodes[at] as AutomatonNode).outputs) onMatch(entryIndex, position);
      }
    }
  }
}
