/**
 * Linear-time phrase matching over words: an Aho–Corasick automaton whose alphabet is words, not
 * characters. Text and phrases go through the same normalisation, so matching tolerates case, curly
 * quotes, apostrophes, hyphens and any punctuation, and never backtracks over user text.
 */

/** Characters read as an apostrophe: they join the parts of a word (`plan’s` → `plans`). */
export const APOSTROPHES: ReadonlySet<number> = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x60, 0xb4, 0x2032]);

/**
 * Negative contractions are spelt out, so "isn't medically necessary" reads as "is not medically
 * necessary" and a phrase written either way matches both.
 */
export const CONTRACTIONS: ReadonlyMap<string, readonly [string, string]> = new Map([
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
    const expanded =
      word.length > 3 && word.charCodeAt(word.length - 1) === 0x74 ? CONTRACTIONS.get(word) : undefined;
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
  /** Transitions by word id (see `vocabulary`). */
  next: Map<number, number>;
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

/** Mixes a transition key so that neighbouring states and words spread over the table. */
function hashKey(state: number, word: number): number {
  const mixed = Math.imul(Math.imul(state, 0x9e3779b1) ^ word, 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** Index of a character in the word alphabet (`a–z`, `0–9`), or -1. Input is already lowercase. */
function alphabetIndex(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return -1;
}
const ALPHABET = 36;

/**
 * A compiled set of phrases. Build once per rule set; matching runs in time linear in the length of the
 * text plus the number of occurrences found.
 *
 * Text is read into word ids in one pass over its characters, through a character trie of the phrases'
 * vocabulary: a word no phrase contains costs no allocation and no hashing, and the automaton then
 * runs over integers. `encode` gives the same words as {@link tokenize}, as ids (a property test checks it).
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
  /** Each entry's payload by entry index: the scan's callback reads it without going through the entry. */
  private readonly payloads: Payload[] = [];
  /** Every word of every phrase, with a small integer id: transitions are keyed by id. */
  private readonly vocabulary = new Map<string, number>();
  /** The root's transitions as an array by word id: most steps start at the root. */
  private rootNext: Int32Array = new Int32Array(0);
  /** Character trie of the vocabulary (and of the contractions, which expand to two words). */
  private trieChildren: Int32Array = new Int32Array(ALPHABET).fill(-1);
  private trieWord: Int32Array = new Int32Array(1).fill(-1);
  private readonly trieContraction = new Map<number, readonly [number, number]>();
  /**
   * The automaton as flat arrays for the scan: transitions in one open-addressing table keyed by state
   * and word, fail and output links by state, outputs as ranges of one list. Hand-written:
   * a Map per state cost a hash probe per step, and the scan was a fifth of reading a long letter.
   */
  private transitionStates = new Int32Array(0);
  private transitionWords = new Int32Array(0);
  private transitionTargets = new Int32Array(0);
  private transitionMask = 0;
  private failOf = new Int32Array(0);
  private outputLinkOf = new Int32Array(0);
  private outputStart = new Int32Array(0);
  private outputList = new Int32Array(0);

  constructor(entries: readonly PhraseEntry<Payload>[]) {
    for (const entry of entries) this.insert(entry);
    this.link();
    this.flatten();
    this.buildTrie();
    // The scan reads the flat arrays only: the Map-per-state form is construction scaffolding.
    this.nodes.length = 0;
  }

  private flatten(): void {
    const states = this.nodes.length;
    let transitions = 0;
    let outputs = 0;
    for (const node of this.nodes) {
      transitions += node.next.size;
      outputs += node.outputs.length;
    }
    let size = 16;
    while (size < transitions * 2) size *= 2;
    this.transitionStates = new Int32Array(size).fill(-1);
    this.transitionWords = new Int32Array(size);
    this.transitionTargets = new Int32Array(size);
    this.transitionMask = size - 1;
    this.failOf = new Int32Array(states);
    this.outputLinkOf = new Int32Array(states);
    this.outputStart = new Int32Array(states + 1);
    this.outputList = new Int32Array(outputs);
    let written = 0;
    this.nodes.forEach((node, state) => {
      // The root's transitions are in `rootNext`; the scan never looks the root up in the table.
      if (state !== 0) {
        for (const [word, child] of node.next) {
          let slot = hashKey(state, word) & this.transitionMask;
          while (this.transitionStates[slot] !== -1) slot = (slot + 1) & this.transitionMask;
          this.transitionStates[slot] = state;
          this.transitionWords[slot] = word;
          this.transitionTargets[slot] = child;
        }
      }
      this.failOf[state] = node.fail;
      this.outputLinkOf[state] = node.outputLink;
      this.outputStart[state] = written;
      for (const output of node.outputs) this.outputList[written++] = output;
    });
    this.outputStart[states] = written;
  }

  private insert(entry: PhraseEntry<Payload>): void {
    const words = tokenize(entry.phrase);
    if (words.length === 0) return;
    let state = 0;
    for (const word of words) {
      let id = this.vocabulary.get(word);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(word, id);
      }
      const node = this.nodes[state] as AutomatonNode;
      let next = node.next.get(id);
      if (next === undefined) {
        next = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, outputs: [], outputLink: -1 });
        node.next.set(id, next);
      }
      state = next;
    }
    (this.nodes[state] as AutomatonNode).outputs.push(this.entries.length);
    this.entries.push({ phrase: entry.phrase, payload: entry.payload });
    this.payloads.push(entry.payload);
    this.lengths.push(words.length);
  }

  private link(): void {
    const root = this.nodes[0] as AutomatonNode;
    this.rootNext = new Int32Array(this.vocabulary.size);
    for (const [id, child] of root.next) this.rootNext[id] = child;
    const queue: number[] = [...root.next.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = this.nodes[queue[head] as number] as AutomatonNode;
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

  private buildTrie(): void {
    // A node per character at most: size the arrays once instead of growing them a node at a time.
    let capacity = 1;
    for (const text of this.vocabulary.keys()) capacity += text.length;
    for (const text of CONTRACTIONS.keys()) capacity += text.length;
    const children = new Int32Array(capacity * ALPHABET).fill(-1);
    const word = new Int32Array(capacity).fill(-1);
    let nodes = 1;
    const add = (text: string): number => {
      let node = 0;
      for (let index = 0; index < text.length; index++) {
        const slot = node * ALPHABET + alphabetIndex(text.charCodeAt(index));
        let child = children[slot] as number;
        if (child < 0) {
          child = nodes++;
          children[slot] = child;
        }
        node = child;
      }
      return node;
    };
    for (const [text, id] of this.vocabulary) word[add(text)] = id;
    for (const [text, [first, second]] of CONTRACTIONS) {
      this.trieContraction.set(add(text), [
        this.vocabulary.get(first) ?? -1,
        this.vocabulary.get(second) ?? -1,
      ]);
    }
    this.trieChildren = children.slice(0, nodes * ALPHABET);
    this.trieWord = word.slice(0, nodes);
  }

  /**
   * The text's words as vocabulary ids (-1 for a word no phrase uses), exactly as {@link tokenize}
   * splits them: one pass over the characters, no per-word strings.
   */
  encode(text: string): Int32Array {
    const lower = text.toLowerCase();
    // Every word has a character and a contraction (four or more) gives two ids: never more ids than
    // characters. A scratch buffer is reused across calls (they never overlap); the result is a copy.
    if (this.scratchIds.length < lower.length + 1) {
      this.scratchIds = new Int32Array(Math.max(lower.length + 1, this.scratchIds.length * 2));
    }
    const ids = this.scratchIds;
    const children = this.trieChildren;
    let count = 0;
    // Trie node of the word so far (0 = no word yet; -1 once the word has left the vocabulary). Plain
    // locals, no closure: captured variables would live in a heap context and slow every character.
    let node = 0;
    for (let index = 0; index <= lower.length; index++) {
      const code = index < lower.length ? lower.charCodeAt(index) : 0x20;
      const letter =
        code >= 0x61 && code <= 0x7a ? code - 0x61 : code >= 0x30 && code <= 0x39 ? code - 0x30 + 26 : -1;
      if (letter >= 0) {
        // A child is never the root (0), so after a letter `node` is a word prefix (> 0) or -1.
        node = node === -1 ? -1 : (children[node * ALPHABET + letter] as number);
      } else if (node !== 0 && !APOSTROPHES.has(code)) {
        const contraction = node > 0 ? this.trieContraction.get(node) : undefined;
        if (contraction) {
          ids[count++] = contraction[0];
          ids[count++] = contraction[1];
        } else {
          ids[count++] = node > 0 ? (this.trieWord[node] as number) : -1;
        }
        node = 0;
      }
    }
    return ids.slice(0, count);
  }

  private scratchIds = new Int32Array(256);

  /** Every distinct phrase that occurs in `text` (or in already tokenized words), in order of first occurrence. */
  findAll(text: string | readonly string[]): PhraseMatch<Payload>[] {
    const found = new Set<number>();
    const result: PhraseMatch<Payload>[] = [];
    const ids = this.idsOf(text);
    this.scan(ids, ids.length, (entryIndex) => {
      if (found.has(entryIndex)) return;
      found.add(entryIndex);
      result.push(this.entries[entryIndex] as PhraseMatch<Payload>);
    });
    return result;
  }

  /** Calls `onMatch` for every occurrence, in order of its last word, with its first and last word positions. */
  forEachMatch(
    text: string | readonly string[] | Int32Array,
    onMatch: (payload: Payload, startWord: number, endWord: number) => void,
    /** For ids: how many to read (a reused buffer can be longer than the text). */
    count?: number,
  ): void {
    const ids = this.idsOf(text);
    this.scan(ids, Math.min(count ?? ids.length, ids.length), (entryIndex, end) => {
      onMatch(this.payloads[entryIndex] as Payload, end - (this.lengths[entryIndex] as number) + 1, end);
    });
  }

  /** The vocabulary id of one word already split by {@link tokenize} (-1 for a word no phrase uses). */
  wordId(word: string): number {
    return this.vocabulary.get(word) ?? -1;
  }

  /** Words already split by {@link tokenize}, as vocabulary ids (-1 for a word no phrase uses). */
  encodeWords(words: readonly string[]): Int32Array {
    return Int32Array.from(words, (word) => this.vocabulary.get(word) ?? -1);
  }

  private idsOf(text: string | readonly string[] | Int32Array): Int32Array {
    if (typeof text === 'string') return this.encode(text);
    return text instanceof Int32Array ? text : this.encodeWords(text);
  }

  private scan(ids: Int32Array, count: number, onMatch: (entryIndex: number, endWord: number) => void): void {
    const rootNext = this.rootNext;
    const keyStates = this.transitionStates;
    const keyWords = this.transitionWords;
    const targets = this.transitionTargets;
    const mask = this.transitionMask;
    const failOf = this.failOf;
    const outputLinkOf = this.outputLinkOf;
    const outputStart = this.outputStart;
    const outputList = this.outputList;
    let state = 0;
    for (let position = 0; position < count; position++) {
      const id = ids[position] as number;
      if (id < 0) {
        state = 0;
        continue;
      }
      let next = -1;
      while (state !== 0) {
        let slot = hashKey(state, id) & mask;
        let found = keyStates[slot] as number;
        while (found !== -1 && !(found === state && keyWords[slot] === id)) {
          slot = (slot + 1) & mask;
          found = keyStates[slot] as number;
        }
        if (found !== -1) {
          next = targets[slot] as number;
          break;
        }
        state = failOf[state] as number;
      }
      state = state === 0 ? (rootNext[id] as number) : next;
      for (let at = state; at > 0; at = outputLinkOf[at] as number) {
        const end = outputStart[at + 1] as number;
        for (let index = outputStart[at] as number; index < end; index++)
          onMatch(outputList[index] as number, position);
      }
    }
  }
}
