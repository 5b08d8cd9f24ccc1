/**
 * Linear-time phrase matching over words: an Aho–Corasick automaton whose alphabet is words, not
 * characters. Text and phrases go through the same normalisation, so matching tolerates case, curly
 * quotes, apostrophes, hyphens and any punctuation, and never backtracks over user text.
 */

/**
 * Characters read as an apostrophe: they join the parts of a word (`plan’s` → `plans`). The soft hyphen (U+00AD),
 * which text copied from a PDF keeps where a line broke a word (`authori\u00adzation`), joins its parts too.
 */
export const APOSTROPHES: ReadonlySet<number> = new Set([
  0x27, 0x2019, 0x2018, 0x02bc, 0x60, 0xb4, 0x2032, 0xad,
]);

/**
 * Typographic ligatures (U+FB00–U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), which text copied from a PDF keeps: "beneﬁt" is "benefit".
 * Each reader spells one out where it meets it in its loop over the characters (as part of the word it is in), so
 * that a text without one costs nothing more.
 */
const LIGATURE_LETTERS = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'st', 'st'];

/** Whether a character code is a typographic ligature ({@link ligatureLetters} spells it). */
export function isLigature(code: number): boolean {
  return code >= 0xfb00 && code <= 0xfb06;
}

/**
 * The letters a typographic ligature stands for (only for a code {@link isLigature} accepts).
 *
 * @example
 * ```ts
 * ligatureLetters('ﬁ'.charCodeAt(0)); // 'fi'
 * ```
 */
export function ligatureLetters(code: number): string {
  return LIGATURE_LETTERS[code - 0xfb00] as string;
}

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

/** A phrase already written as the tokenizer's words: lowercase `a–z0–9` words, one space apart. */
const PLAIN_PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** The longest text, in words, a matcher not yet built answers without building its automaton. */
const SHORT_TEXT = 40;
/** Words a matcher answers without its automaton before it builds it: a busy matcher pays for it once. */
const WORDS_BEFORE_BUILD = 400;

/** A phrase's first word as {@link phraseWords} gives it, without splitting the rest (undefined: no words). */
function firstWordOf(phrase: string): string | undefined {
  if (PLAIN_PHRASE.test(phrase)) {
    const space = phrase.indexOf(' ');
    const first = space < 0 ? phrase : phrase.slice(0, space);
    if (!CONTRACTIONS.has(first)) return first;
  }
  return phraseWords(phrase)[0];
}

/**
 * A phrase's words, as {@link tokenize} gives them. Most phrases of a rule set are already plain words one
 * space apart: those are split on the space (the native regular expression and split are several times faster
 * than the tokenizer's character loop while the code is still cold, which is when a first call builds an
 * automaton of a thousand phrases), unless a word is one the tokenizer spells out ("cant" → "can not").
 */
export function phraseWords(phrase: string): string[] {
  if (!PLAIN_PHRASE.test(phrase)) return tokenize(phrase);
  const words = phrase.split(' ');
  return words.some((word) => CONTRACTIONS.has(word)) ? tokenize(phrase) : words;
}

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
    } else if (APOSTROPHES.has(code) || isLigature(code)) {
      // An apostrophe joins the parts of its word; a ligature's letters join the word they are in.
      if (start >= 0) pending += lower.slice(start, index);
      if (isLigature(code)) pending += ligatureLetters(code);
      start = -1;
    } else if (start >= 0 || pending) {
      end(index);
    }
  }
  end(lower.length);
  return tokens;
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

const ALPHABET = 36;
/** Numbers a slot of the transition table takes: its state, word and target, and one unused (aligned slots). */
const TRANSITION_STRIDE = 4;
/** Word ids stay below 2²¹, so a construction key (state × 2²¹ + word) is an exact integer. */
const WORD_LIMIT = 2_097_152;

/**
 * Construction scaffolding, dropped once the flat arrays are built: the transitions in one Map keyed by
 * state × 2²¹ + word (a Map per state cost an allocation per state, and collecting them was a large share of a
 * first call), each state's children as a linked list, and each state's parent and word.
 */
interface PhraseMatcherBuild {
  transitions: Map<number, number>;
  firstChild: number[];
  nextSibling: number[];
  parent: number[];
  childWord: number[];
}

/**
 * A built automaton as plain arrays ({@link PhraseMatcher.parts}): enough to restore it without building it.
 * JSON-safe, so the package build can ship it for the bundled phrases.
 */
export interface PhraseAutomatonParts {
  /** How many entries it was built from; `skipped` lists those that had no words. */
  entries: number;
  skipped: number[];
  /** The vocabulary, by word id. */
  words: string[];
  /**
   * For each state after the root: how many states back the state it is reached from is (a parent is always
   * made before its children), and by which word id.
   */
  parentGap: number[];
  word: number[];
  /** For each state: its failure link. */
  fail: number[];
  /** For each entry kept: the state its phrase ends at (its depth is the phrase's number of words). */
  endsAt: number[];
  /**
   * For each entry kept: its number of words; for each state: its dictionary-suffix link (-1 for none). Both follow
   * from the arrays above, but working them out took a loop over the states by depth that ran before V8 optimised
   * it: shipped, a first classification restores them as they are.
   */
  lengths: number[];
  outputLink: number[];
}

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
  /** Each kept entry's phrase as given (made from its words on demand when restored from parts). */
  private readonly phrases: (string | undefined)[] = [];
  /** Each kept entry's number of words, and the state its phrase ends at. */
  private lengths: number[] = [];
  private endsAt: number[] = [];
  /** Indexes of the given entries that had no words and were skipped. */
  private skipped: number[] = [];
  /** Each state's parent and the word id that leads to it from there (-1 for the root). */
  private stateParent = new Int32Array(0);
  private stateWord = new Int32Array(0);
  /** Each entry's payload by entry index: the scan's callback reads it without going through the entry. */
  private readonly payloads: Payload[] = [];
  /** Every word of every phrase, with a small integer id: transitions are keyed by id. */
  private readonly vocabulary = new Map<string, number>();
  /** The root's transitions as an array by word id: most steps start at the root. */
  private rootNext: Int32Array = new Int32Array(0);
  /**
   * Character trie of the vocabulary (and of the contractions, which expand to two words), built once `encode`
   * has read enough text (see `charactersBeforeTrie`): a reader that hands over word ids (the classifier's)
   * never needs it, and building it was 3 to 4 ms of a first classification. Empty until then: a built trie has
   * its root.
   */
  private trieChildren: Int32Array = new Int32Array(0);
  private trieWord: Int32Array = new Int32Array(0);
  private readonly trieContraction = new Map<number, readonly [number, number]>();
  /**
   * Characters `encode` may still read word by word ({@link tokenize} and a lookup) before the trie is built:
   * as many as building it reads (the vocabulary's and the contractions' characters; -1 until counted). A
   * matcher asked a few short questions (a procedure's name) never pays for the trie (about 1.5 ms of a first
   * recommendSpecialist, medians of fresh processes); a busy one pays for it once, having read at most as much
   * again without it.
   */
  private charactersBeforeTrie = -1;
  /**
   * The automaton as flat arrays for the scan: transitions in one open-addressing table keyed by state
   * and word, fail and output links by state, outputs as ranges of one list. Hand-written:
   * a Map per state cost a hash probe per step, and the scan was a fifth of reading a long letter. A slot's state,
   * word and target side by side (TRANSITION_STRIDE numbers a slot), so that a probe reads one cache line, not one
   * in each of three arrays (the fixtures 3 to 5% faster, a 10,000-character letter 2%, paired).
   */
  private transitions = new Int32Array(0);
  private transitionMask = 0;
  private failOf = new Int32Array(0);
  private outputLinkOf = new Int32Array(0);
  private outputStart = new Int32Array(0);
  private outputList = new Int32Array(0);

  /**
   * The entries while the automaton is not built yet: it is built when first needed, and a matcher asked only a few
   * short questions as text (a first call's treatment, "total knee arthroplasty") answers them without it
   * ({@link forEachMatch}): building the automaton of a rule set's 1,600 treatment phrases was 4 ms of a first call.
   */
  private unbuilt: readonly PhraseEntry<Payload>[] | undefined;
  /** Words read without the automaton so far: past {@link WORDS_BEFORE_BUILD} it is built. */
  private wordsReadUnbuilt = 0;
  /** Each entry's first word (`undefined` for an entry without words), read once when first needed. */
  private firstWords: (string | undefined)[] | undefined;
  /** Each entry's words, by entry, as far as they were needed. */
  private entryWords: string[][] = [];

  constructor(entries: readonly PhraseEntry<Payload>[], parts?: PhraseAutomatonParts) {
    if (parts) this.restore(entries, parts);
    else this.unbuilt = entries;
  }

  /** Builds the automaton from the entries, once. */
  private build(): void {
    const entries = this.unbuilt;
    if (!entries) return;
    this.unbuilt = undefined;
    this.firstWords = undefined;
    this.entryWords = [];
    const build: PhraseMatcherBuild = {
      transitions: new Map(),
      firstChild: [-1],
      nextSibling: [-1],
      parent: [-1],
      childWord: [-1],
    };
    entries.forEach((entry, index) => {
      this.insert(build, entry, index);
    });
    this.stateParent = Int32Array.from(build.parent);
    this.stateWord = Int32Array.from(build.childWord);
    this.flatten(build.parent.length);
    this.link(build);
  }

  /**
   * The built automaton as plain arrays, from which `new PhraseMatcher(entries, parts)` restores it without
   * building it again (the same entries, in the same order): what the package build ships for the bundled
   * phrases, so that a first classification does not build an automaton of thousands of phrases.
   *
   * @example
   * ```ts
   * const entries = [{ phrase: 'not medically necessary', payload: 'mn' }];
   * const restored = new PhraseMatcher(entries, new PhraseMatcher(entries).parts());
   * restored.findAll('NOT medically-necessary'); // [{ phrase: 'not medically necessary', payload: 'mn' }]
   * ```
   */
  parts(): PhraseAutomatonParts {
    this.build();
    return {
      entries: this.payloads.length + this.skipped.length,
      skipped: [...this.skipped],
      words: [...this.vocabulary.keys()],
      // A state's parent as how far back it is: mostly 1 (a phrase's words in a row), so short in JSON.
      parentGap: Array.from(this.stateParent.subarray(1), (parent, at) => at + 1 - parent),
      word: Array.from(this.stateWord.subarray(1)),
      fail: Array.from(this.failOf),
      endsAt: [...this.endsAt],
      lengths: [...this.lengths],
      outputLink: Array.from(this.outputLinkOf),
    };
  }

  private restore(entries: readonly PhraseEntry<Payload>[], parts: PhraseAutomatonParts): void {
    const states = parts.parentGap.length + 1;
    const kept = entries.length - parts.skipped.length;
    const shaped =
      parts.entries === entries.length &&
      parts.endsAt.length === kept &&
      parts.lengths.length === kept &&
      parts.word.length === parts.parentGap.length &&
      parts.fail.length === states &&
      parts.outputLink.length === states;
    if (!shaped) throw new RangeError('the automaton parts were made for other entries');
    // Plain loops, locals rather than fields: this runs once, on a first call, before V8 optimises it.
    const { words } = parts;
    for (let id = 0; id < words.length; id++) this.vocabulary.set(words[id] as string, id);
    if (parts.skipped.length === 0) {
      for (let index = 0; index < entries.length; index++)
        this.payloads.push((entries[index] as PhraseEntry<Payload>).payload);
    } else {
      const skipped = new Set(parts.skipped);
      for (let index = 0; index < entries.length; index++)
        if (!skipped.has(index)) this.payloads.push((entries[index] as PhraseEntry<Payload>).payload);
    }
    this.phrases.length = kept;
    this.skipped = [...parts.skipped];
    this.endsAt = parts.endsAt;
    this.lengths = parts.lengths;
    const stateParent = new Int32Array(states);
    const stateWord = new Int32Array(states);
    stateParent[0] = -1;
    stateWord[0] = -1;
    stateWord.set(parts.word, 1);
    const { parentGap } = parts;
    for (let state = 1; state < states; state++)
      stateParent[state] = state - (parentGap[state - 1] as number);
    this.stateParent = stateParent;
    this.stateWord = stateWord;
    this.flatten(states);
    this.failOf.set(parts.fail);
    this.outputLinkOf.set(parts.outputLink);
  }

  /**
   * A state's dictionary-suffix link, from its failure link: the failure itself when a phrase ends there, or
   * the failure's own link. Set shallowest states first (a failure is always shallower than its state).
   */
  private linkOutputs(state: number): void {
    const fail = this.failOf[state] as number;
    const failHasOutputs = (this.outputStart[fail + 1] as number) > (this.outputStart[fail] as number);
    this.outputLinkOf[state] = failHasOutputs ? fail : (this.outputLinkOf[fail] as number);
  }

  private insert(build: PhraseMatcherBuild, entry: PhraseEntry<Payload>, index: number): void {
    const words = phraseWords(entry.phrase);
    if (words.length === 0) {
      this.skipped.push(index);
      return;
    }
    let state = 0;
    for (const word of words) {
      let id = this.vocabulary.get(word);
      if (id === undefined) {
        id = this.vocabulary.size;
        if (id >= WORD_LIMIT) throw new RangeError(`a phrase set has at most ${WORD_LIMIT} distinct words`);
        this.vocabulary.set(word, id);
      }
      const key = state * WORD_LIMIT + id;
      let next = build.transitions.get(key);
      if (next === undefined) {
        next = build.parent.length;
        build.transitions.set(key, next);
        build.firstChild.push(-1);
        build.parent.push(state);
        build.childWord.push(id);
        build.nextSibling.push(build.firstChild[state] as number);
        build.firstChild[state] = next;
      }
      state = next;
    }
    this.endsAt.push(state);
    this.phrases.push(entry.phrase);
    this.payloads.push(entry.payload);
    this.lengths.push(words.length);
  }

  /**
   * The transitions into the open-addressing table, from each state's parent and word (built or restored alike:
   * a state's transition is the one from its parent by its word, and states are numbered in the order the
   * construction made them), and the outputs into ranges of one list by state.
   */
  private flatten(states: number): void {
    let size = 16;
    while (size < (states - 1) * 2) size *= 2;
    // Locals, not fields, and no closure per transition: this runs once per rule set, on a first call, before
    // V8 has optimised it, where every field read and call is paid in full (measured: the loop took half the
    // time of restoring the bundled automaton).
    // An empty slot's state is 0: the root's transitions are not in the table, so no slot holds state 0, and a new
    // table needs no pass to mark its slots empty (on a first call, before V8 optimises it, that pass was 1.5 ms).
    const transitions = new Int32Array(size * TRANSITION_STRIDE);
    const mask = size - 1;
    const rootNext = new Int32Array(this.vocabulary.size);
    const { stateParent, stateWord } = this;
    for (let child = 1; child < states; child++) {
      const state = stateParent[child] as number;
      const word = stateWord[child] as number;
      // The root's transitions are in `rootNext`; the scan never looks the root up in the table.
      if (state === 0) {
        rootNext[word] = child;
        continue;
      }
      let slot = hashKey(state, word) & mask;
      while (transitions[slot * TRANSITION_STRIDE] !== 0) slot = (slot + 1) & mask;
      const at = slot * TRANSITION_STRIDE;
      transitions[at] = state;
      transitions[at + 1] = word;
      transitions[at + 2] = child;
    }
    this.transitions = transitions;
    this.transitionMask = mask;
    this.rootNext = rootNext;
    // Outputs grouped by state, each state's in entry order (a counting sort).
    const outputStart = new Int32Array(states + 1);
    const { endsAt } = this;
    for (let entry = 0; entry < endsAt.length; entry++) {
      const slot = (endsAt[entry] as number) + 1;
      outputStart[slot] = (outputStart[slot] as number) + 1;
    }
    for (let state = 0; state < states; state++)
      outputStart[state + 1] = (outputStart[state + 1] as number) + (outputStart[state] as number);
    const cursor = outputStart.slice(0, states);
    const outputList = new Int32Array(endsAt.length);
    for (let entry = 0; entry < endsAt.length; entry++) {
      const state = endsAt[entry] as number;
      outputList[cursor[state] as number] = entry;
      cursor[state] = (cursor[state] as number) + 1;
    }
    this.outputStart = outputStart;
    this.outputList = outputList;
    this.failOf = new Int32Array(states);
    this.outputLinkOf = new Int32Array(states).fill(-1);
  }

  /** Failure and dictionary-suffix links, breadth first. */
  private link(build: PhraseMatcherBuild): void {
    const { firstChild, nextSibling, childWord, transitions } = build;
    const { failOf, rootNext } = this;
    const queue: number[] = [];
    for (let child = firstChild[0] as number; child !== -1; child = nextSibling[child] as number)
      queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (let child = firstChild[state] as number; child !== -1; child = nextSibling[child] as number) {
        const word = childWord[child] as number;
        // The longest proper suffix of the child's words that is a state: follow the parent's failures.
        let fail = failOf[state] as number;
        let target = 0;
        for (;;) {
          target = fail === 0 ? (rootNext[word] as number) : (transitions.get(fail * WORD_LIMIT + word) ?? 0);
          if (target !== 0 || fail === 0) break;
          fail = failOf[fail] as number;
        }
        failOf[child] = target !== child ? target : 0;
        this.linkOutputs(child);
        queue.push(child);
      }
    }
  }

  /** The characters of the vocabulary and of the contractions: what building the trie reads. */
  private trieCharacters(): number {
    let characters = 0;
    for (const text of this.vocabulary.keys()) characters += text.length;
    for (const text of CONTRACTIONS.keys()) characters += text.length;
    return characters;
  }

  private buildTrie(): void {
    // A node per character at most: size the arrays once instead of growing them a node at a time.
    const capacity = 1 + this.trieCharacters();
    const children = new Int32Array(capacity * ALPHABET).fill(-1);
    const word = new Int32Array(capacity).fill(-1);
    let nodes = 1;
    const add = (text: string): number => {
      let node = 0;
      for (let index = 0; index < text.length; index++) {
        // alphabetIndex, inlined (this runs once, unoptimised, over every character of the vocabulary).
        const code = text.charCodeAt(index);
        const slot = node * ALPHABET + (code >= 0x61 && code <= 0x7a ? code - 0x61 : code - 0x30 + 26);
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
    this.build();
    if (this.trieWord.length === 0) {
      if (this.charactersBeforeTrie < 0) this.charactersBeforeTrie = this.trieCharacters();
      this.charactersBeforeTrie -= text.length;
      if (this.charactersBeforeTrie >= 0) return this.encodeWords(tokenize(text));
      this.buildTrie();
    }
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
      } else if (isLigature(code)) {
        // A ligature: walk the trie through the letters it stands for.
        const letters = ligatureLetters(code);
        for (let at = 0; at < letters.length && node !== -1; at++)
          node = children[node * ALPHABET + (letters.charCodeAt(at) - 0x61)] as number;
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
    // A short text asked of a matcher not yet built is answered without building it, as forEachMatch does: the
    // second-surgical-opinion vocabulary's automaton was built to read a first call's procedure name (about 2 ms).
    const words = typeof text === 'string' ? this.wordsToReadUnbuilt(text) : undefined;
    if (words && this.unbuilt) {
      const entries = this.unbuilt;
      const seen = new Set<number>();
      const matches: PhraseMatch<Payload>[] = [];
      this.matchEntriesWithoutAutomaton(entries, words, (entry) => {
        if (seen.has(entry)) return;
        seen.add(entry);
        const { phrase, payload } = entries[entry] as PhraseEntry<Payload>;
        matches.push({ phrase, payload });
      });
      return matches;
    }
    this.build();
    const found = new Set<number>();
    const result: PhraseMatch<Payload>[] = [];
    const ids = this.idsOf(text);
    this.scan(ids, ids.length, (entryIndex) => {
      if (found.has(entryIndex)) return;
      found.add(entryIndex);
      result.push({ phrase: this.phraseOf(entryIndex), payload: this.payloads[entryIndex] as Payload });
    });
    return result;
  }

  /** The vocabulary by id, made when a restored automaton first spells a phrase. */
  private wordsById: string[] | undefined;

  /** An entry's phrase: as given, or (restored from parts) its words joined by spaces. */
  private phraseOf(entryIndex: number): string {
    let phrase = this.phrases[entryIndex];
    if (phrase === undefined) {
      const words: string[] = [];
      this.wordsById ??= [...this.vocabulary.keys()];
      const vocabulary = this.wordsById;
      for (
        let state = this.endsAt[entryIndex] as number;
        state > 0;
        state = this.stateParent[state] as number
      )
        words.push(vocabulary[this.stateWord[state] as number] as string);
      phrase = words.reverse().join(' ');
      this.phrases[entryIndex] = phrase;
    }
    return phrase;
  }

  /**
   * The words of a short text to read without building the automaton (counted against
   * {@link WORDS_BEFORE_BUILD}), or undefined once the matcher is built or the text is too long to read that way.
   */
  private wordsToReadUnbuilt(text: string): string[] | undefined {
    if (!this.unbuilt) return undefined;
    const words = tokenize(text);
    if (words.length > SHORT_TEXT || this.wordsReadUnbuilt + words.length > WORDS_BEFORE_BUILD)
      return undefined;
    this.wordsReadUnbuilt += words.length;
    return words;
  }

  /** Calls `onMatch` for every occurrence, in order of its last word, with its first and last word positions. */
  forEachMatch(
    text: string | readonly string[] | Int32Array,
    onMatch: (payload: Payload, startWord: number, endWord: number) => void,
    /** For ids: how many to read (a reused buffer can be longer than the text). */
    count?: number,
  ): void {
    const words = typeof text === 'string' && count === undefined ? this.wordsToReadUnbuilt(text) : undefined;
    if (words && this.unbuilt) {
      this.matchWithoutAutomaton(this.unbuilt, words, onMatch);
      return;
    }
    this.build();
    const ids = this.idsOf(text);
    this.scan(ids, Math.min(count ?? ids.length, ids.length), (entryIndex, start, end) => {
      onMatch(this.payloads[entryIndex] as Payload, start, end);
    });
  }

  /**
   * {@link forEachMatch} over word ids, giving each occurrence's entry (its index among the entries that have words:
   * {@link entryPayloads} holds its payload there) instead of its payload: for a reader that keeps what it needs of each entry
   * in arrays of its own, read by index, rather than following a pointer to a payload per occurrence (a long letter
   * has thousands of occurrences).
   */
  forEachEntryMatch(
    ids: Int32Array,
    /** How many to read (a reused buffer can be longer than the text). */
    count: number,
    onMatch: (entry: number, startWord: number, endWord: number) => void,
  ): void {
    this.build();
    // The caller's function itself, not one wrapping it: a call less per occurrence (a 10,000-character letter,
    // about 3,000 occurrences, 3% faster, paired).
    this.scan(ids, Math.min(count, ids.length), onMatch);
  }

  /**
   * Every entry's payload, by entry as {@link forEachEntryMatch} gives them (only the entries that have words: its
   * length is their count). Read once per text, not per occurrence.
   */
  get entryPayloads(): readonly Payload[] {
    this.build();
    return this.payloads;
  }

  /**
   * {@link forEachMatch} for a few words without the automaton: each entry whose first word the text holds is
   * compared at each place, and the occurrences are given in the automaton's order (by last word; at the same last
   * word the longer phrase first, and the same phrase in entry order: test/phraseMatcher.test.ts compares the two).
   * Hand-written: it is the automaton's answer for a case too small to pay for building it.
   */
  private matchWithoutAutomaton(
    entries: readonly PhraseEntry<Payload>[],
    words: readonly string[],
    onMatch: (payload: Payload, startWord: number, endWord: number) => void,
  ): void {
    this.matchEntriesWithoutAutomaton(entries, words, (entry, start, end) => {
      onMatch((entries[entry] as PhraseEntry<Payload>).payload, start, end);
    });
  }

  /** {@link matchWithoutAutomaton} giving each occurrence's index among the given entries. */
  private matchEntriesWithoutAutomaton(
    entries: readonly PhraseEntry<Payload>[],
    words: readonly string[],
    onMatch: (entry: number, startWord: number, endWord: number) => void,
  ): void {
    if (!words.length) return;
    this.firstWords ??= entries.map((entry) => firstWordOf(entry.phrase));
    const present = new Set(words);
    const found: { entry: number; start: number; end: number }[] = [];
    for (let entry = 0; entry < entries.length; entry++) {
      const first = this.firstWords[entry];
      if (first === undefined || !present.has(first)) continue;
      let phrase = this.entryWords[entry];
      if (!phrase) {
        phrase = phraseWords((entries[entry] as PhraseEntry<Payload>).phrase);
        this.entryWords[entry] = phrase;
      }
      for (let start = 0; start + phrase.length <= words.length; start++) {
        let at = 0;
        while (at < phrase.length && words[start + at] === phrase[at]) at++;
        if (at === phrase.length) found.push({ entry, start, end: start + phrase.length - 1 });
      }
    }
    found.sort((a, b) => a.end - b.end || a.start - b.start || a.entry - b.entry);
    for (const { entry, start, end } of found) onMatch(entry, start, end);
  }

  /** The vocabulary id of one word already split by {@link tokenize} (-1 for a word no phrase uses). */
  wordId(word: string): number {
    this.build();
    return this.vocabulary.get(word) ?? -1;
  }

  /** Words already split by {@link tokenize}, as vocabulary ids (-1 for a word no phrase uses). */
  encodeWords(words: readonly string[]): Int32Array {
    this.build();
    return Int32Array.from(words, (word) => this.vocabulary.get(word) ?? -1);
  }

  private idsOf(text: string | readonly string[] | Int32Array): Int32Array {
    if (typeof text === 'string') return this.encode(text);
    return text instanceof Int32Array ? text : this.encodeWords(text);
  }

  /** Calls `onMatch` for every occurrence, in order of its last word, with its entry and first and last words. */
  private scan(
    ids: Int32Array,
    count: number,
    onMatch: (entryIndex: number, startWord: number, endWord: number) => void,
  ): void {
    const lengths = this.lengths;
    const rootNext = this.rootNext;
    const transitions = this.transitions;
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
        let at = (hashKey(state, id) & mask) * TRANSITION_STRIDE;
        let found = transitions[at] as number;
        while (found !== 0 && !(found === state && transitions[at + 1] === id)) {
          at = (at + TRANSITION_STRIDE) & (mask * TRANSITION_STRIDE + TRANSITION_STRIDE - 1);
          found = transitions[at] as number;
        }
        if (found !== 0) {
          next = transitions[at + 2] as number;
          break;
        }
        state = failOf[state] as number;
      }
      state = state === 0 ? (rootNext[id] as number) : next;
      for (let at = state; at > 0; at = outputLinkOf[at] as number) {
        const end = outputStart[at + 1] as number;
        for (let index = outputStart[at] as number; index < end; index++) {
          const entry = outputList[index] as number;
          onMatch(entry, position - (lengths[entry] as number) + 1, position);
        }
      }
    }
  }
}
