/**
 * Procedure matching for second-surgical-opinion lists: names through the rule set's vocabulary of
 * synonyms and narrower kinds (whole words, any case and punctuation, linear-time), codes as bare codes.
 */

import { PhraseMatcher, tokenize } from '../engine/phraseMatcher.js';

/** A bare HCPCS/CPT-shaped code: five digits (`27447`), a letter and four digits (`J1234`), four digits and a letter (`0275T`). */
const CODE_SHAPE = /^(?:\d{5}|[A-Z]\d{4}|\d{4}[A-Z])$/;

/**
 * The code a procedure or list entry is, uppercased, when the whole text (trimmed) is one bare code.
 *
 * @example
 * ```ts
 * asCode(' j1234 ');   // 'J1234'
 * asCode('CPT 27447'); // undefined: a name that contains a code
 * ```
 */
export function asCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return CODE_SHAPE.test(code) ? code : undefined;
}

/**
 * The words of a name as one key.
 *
 * @example
 * ```ts
 * termKey('Tonsillectomy/Adenoidectomy'); // 'tonsillectomy adenoidectomy'
 * ```
 */
export function termKey(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * One concept of the vocabulary as the compiler needs it.
 *
 * @example
 * ```ts
 * const concept: ConceptSource = { id: 'proc.knee-replacement', terms: ['knee replacement'], narrower: ['proc.total-knee-replacement'] };
 * ```
 */
export interface ConceptSource {
  id: string;
  terms: readonly string[];
  narrower?: readonly string[];
}

/**
 * The procedure vocabulary, compiled once per rule set: every term in one phrase automaton, each concept
 * with the set of itself and every narrower kind (transitively).
 *
 * @example
 * ```ts
 * const vocabulary = new Vocabulary([
 *   { id: 'knee', terms: ['knee surgery'], narrower: ['tka'] },
 *   { id: 'tka', terms: ['total knee arthroplasty', 'TKA'] },
 * ]);
 * vocabulary.conceptOf('TKA');                 // 'tka'
 * vocabulary.conceptsIn('right TKA, cemented'); // Set { 'tka' }
 * vocabulary.isWithin('tka', 'knee');          // true
 * ```
 */
export class Vocabulary {
  private readonly matcher: PhraseMatcher<string>;
  /**
   * Each term's key, made on the first exact lookup ({@link conceptOf}): reading a procedure's name goes through the
   * matcher, and tokenizing every term for the keys was about a millisecond of a first call that never looks one up.
   */
  private byTerm: Map<string, string> | undefined;
  private readonly concepts: readonly ConceptSource[];
  private readonly within = new Map<string, ReadonlySet<string>>();

  /** Expects a validated vocabulary: unique terms, known narrower ids, no cycles. */
  constructor(concepts: readonly ConceptSource[]) {
    this.concepts = concepts;
    const narrower = new Map(concepts.map((concept) => [concept.id, concept.narrower ?? []]));
    const entries: { phrase: string; payload: string }[] = [];
    for (const concept of concepts) {
      for (const term of concept.terms) entries.push({ phrase: term, payload: concept.id });
    }
    const expand = (id: string): ReadonlySet<string> => {
      const known = this.within.get(id);
      if (known) return known;
      const set = new Set([id]);
      for (const child of narrower.get(id) ?? []) for (const inner of expand(child)) set.add(inner);
      this.within.set(id, set);
      return set;
    };
    for (const concept of concepts) expand(concept.id);
    this.matcher = new PhraseMatcher(entries);
  }

  /** The concept a name is exactly a term of (after normalisation), if any. */
  conceptOf(name: string): string | undefined {
    if (!this.byTerm) {
      // Set in the concepts' order, as the constructor did: a key two terms share keeps the later concept.
      const byTerm = new Map<string, string>();
      for (const concept of this.concepts)
        for (const term of concept.terms) byTerm.set(termKey(term), concept.id);
      this.byTerm = byTerm;
    }
    return this.byTerm.get(termKey(name));
  }

  /** Every concept with a term that occurs, as whole words, in the text. */
  conceptsIn(text: string): Set<string> {
    return new Set(this.matcher.findAll(text).map((match) => match.payload));
  }

  /** Whether `concept` is `ancestor` or one of its narrower kinds. */
  isWithin(concept: string, ancestor: string): boolean {
    return this.within.get(ancestor)?.has(concept) === true;
  }

  /** The concepts of a set that no other concept of the set is narrower than. */
  mostSpecific(concepts: ReadonlySet<string>): string[] {
    return [...concepts].filter(
      (concept) => ![...concepts].some((other) => other !== concept && this.isWithin(other, concept)),
    );
  }
}

/**
 * A procedure read once: its code, or the concepts its name mentions.
 *
 * @example
 * ```ts
 * const facts: ProcedureFacts = { text: '27447', code: '27447', concepts: new Set(), specific: [] };
 * ```
 */
export interface ProcedureFacts {
  /** The procedure as given, trimmed. */
  text: string;
  /** Set when the whole procedure is one bare code. */
  code?: string;
  /** Every concept whose term occurs in the name. */
  concepts: ReadonlySet<string>;
  /** Of those, the most specific ones. */
  specific: readonly string[];
  /** A code-shaped word inside a name (`CPT 27447`): codes are matched only when given alone. */
  codeInName?: string;
}

/**
 * Reads a procedure for matching.
 *
 * @example
 * ```ts
 * readProcedure(vocabulary, 'knee surgery').specific; // ['proc.knee-surgery']
 * readProcedure(vocabulary, '27447').code;            // '27447'
 * ```
 */
export function readProcedure(vocabulary: Vocabulary, procedure: string): ProcedureFacts {
  const text = procedure.trim();
  const code = asCode(text);
  if (code) return { text, code, concepts: new Set(), specific: [] };
  const concepts = vocabulary.conceptsIn(text);
  const codeInName = tokenize(text).find((word) => asCode(word) !== undefined);
  return {
    text,
    concepts,
    specific: vocabulary.mostSpecific(concepts),
    ...(codeInName ? { codeInName: codeInName.toUpperCase() } : {}),
  };
}

/**
 * One entry of a procedure list, read once.
 *
 * @example
 * ```ts
 * const entry: ListEntry = { text: 'Knee replacement', concept: 'proc.knee-replacement', mentions: [] };
 * ```
 */
export interface ListEntry {
  /** The entry as the list gives it. */
  text: string;
  /** Set when the entry is a bare code. */
  code?: string;
  /** The concept the entry names exactly (`knee replacement`, `TKA`). */
  concept?: string;
  /** For a name that is not exactly a known term: the most specific concepts mentioned in it. */
  mentions: readonly string[];
}

/**
 * Reads one list entry.
 *
 * @example
 * ```ts
 * readEntry(vocabulary, 'Hysterectomy (all types)'); // { text: …, mentions: ['proc.hysterectomy'] }
 * ```
 */
export function readEntry(vocabulary: Vocabulary, text: string): ListEntry {
  const code = asCode(text);
  if (code) return { text: text.trim(), code, mentions: [] };
  const concept = vocabulary.conceptOf(text);
  if (concept) return { text: text.trim(), concept, mentions: [] };
  return { text: text.trim(), mentions: vocabulary.mostSpecific(vocabulary.conceptsIn(text)) };
}

/**
 * A procedure list ready for matching.
 *
 * @example
 * ```ts
 * const list: ProcedureList = buildList([readEntry(vocabulary, '27447')]); // by 'code'
 * ```
 */
export interface ProcedureList {
  entries: readonly ListEntry[];
  /** Whether the list names procedures, gives codes, both, or (an empty list given by a caller) neither. */
  by: 'name' | 'code' | 'mixed' | 'empty';
  /** Whole-word matcher over the names that are not exactly a known term (payload: entry index). */
  literal: PhraseMatcher<number>;
}

/**
 * Builds a list from entries; `by` defaults to what the entries are.
 *
 * @example
 * ```ts
 * buildList(['27447', 'knee replacement'].map((entry) => readEntry(vocabulary, entry))).by; // 'mixed'
 * ```
 */
export function buildList(entries: readonly ListEntry[], by?: 'name' | 'code'): ProcedureList {
  const hasCodes = entries.some((entry) => entry.code);
  const hasNames = entries.some((entry) => !entry.code);
  const literal = new PhraseMatcher(
    entries.flatMap((entry, index) =>
      !entry.code && !entry.concept ? [{ phrase: entry.text, payload: index }] : [],
    ),
  );
  return {
    entries,
    by: by ?? (hasCodes && hasNames ? 'mixed' : hasCodes ? 'code' : hasNames ? 'name' : 'empty'),
    literal,
  };
}

/**
 * How a procedure stands against a list:
 * - `match`: the list names it (its words, a synonym, or a narrower kind), or gives its code;
 * - `possible`: the procedure is broader than an entry (`hernia repair` against `inguinal hernia repair`),
 *   or an entry mentions it among other words that are not a known term;
 * - `cannot_compare`: a code against names, or a name against codes;
 * - `none`: not on the list.
 *
 * @example
 * ```ts
 * const match: ListMatch = { kind: 'possible', entry: 'inguinal hernia repair', why: 'broader' };
 * ```
 */
export type ListMatch =
  | { kind: 'match'; entry: string }
  | { kind: 'possible'; entry: string; why: 'broader' | 'mentioned' }
  | { kind: 'cannot_compare'; listedBy: 'name' | 'code' }
  | { kind: 'none' };

/**
 * Matches a procedure against a list.
 *
 * @example
 * ```ts
 * const list = buildList([readEntry(vocabulary, 'inguinal hernia repair')]);
 * matchList(vocabulary, readProcedure(vocabulary, 'bilateral inguinal herniorrhaphy'), list); // { kind: 'match', … }
 * matchList(vocabulary, readProcedure(vocabulary, 'hernia repair'), list);     // { kind: 'possible', why: 'broader', … }
 * ```
 */
export function matchList(vocabulary: Vocabulary, facts: ProcedureFacts, list: ProcedureList): ListMatch {
  if (facts.code !== undefined) {
    const hit = list.entries.find((entry) => entry.code === facts.code);
    if (hit) return { kind: 'match', entry: hit.text };
    return list.by === 'code' || list.by === 'empty'
      ? { kind: 'none' }
      : { kind: 'cannot_compare', listedBy: 'name' };
  }
  const names = list.entries.filter((entry) => !entry.code);
  const literalHits = new Set(list.literal.findAll(facts.text).map((hit) => hit.payload));
  const inside = (concept: string) =>
    [...facts.concepts].some((found) => vocabulary.isWithin(found, concept));
  const broader = (concept: string) =>
    facts.specific.some((found) => found !== concept && vocabulary.isWithin(concept, found));
  for (const [index, entry] of list.entries.entries()) {
    if (entry.code) continue;
    if (literalHits.has(index) || (entry.concept !== undefined && inside(entry.concept))) {
      return { kind: 'match', entry: entry.text };
    }
  }
  for (const entry of names) {
    if (entry.concept !== undefined && broader(entry.concept)) {
      return { kind: 'possible', entry: entry.text, why: 'broader' };
    }
    if (entry.mentions.some((concept) => inside(concept) || broader(concept))) {
      return { kind: 'possible', entry: entry.text, why: 'mentioned' };
    }
  }
  return list.by === 'name' || list.by === 'empty'
    ? { kind: 'none' }
    : { kind: 'cannot_compare', listedBy: 'code' };
}
