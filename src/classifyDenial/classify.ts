import type { RuleSetWith } from '../engine/compile.js';
import type { DecisionRule } from '../engine/decisionRules.js';
import { evaluateIndexedRules } from '../engine/decisionRules.js';
import { type TermOccurrences, WINDOW_NUMBERS } from '../engine/proximityMatcher.js';
import { StampedMarks } from '../engine/stampedMarks.js';
import type { NormalizedText } from '../engine/textNormalizer.js';
import type {
  ClassificationCandidate,
  ClassificationEvidence,
  Confidence,
  DenialCategory,
  DenialClassification,
  DenialInput,
} from '../types.js';
import { CLINICAL_CATEGORIES, DENIAL_CATEGORIES } from '../types.js';
import { type ParsedCode, parseCode } from './codes.js';
import { codesQuotedIn } from './quotedCodes.js';
import type {
  ClassificationEvent,
  ClassificationFacts,
  CodeRow,
  NearPattern,
  PhraseRow,
  TextPayload,
  TextReader,
} from './ruleData.js';
import { WORDING_AFFIRMED_PHRASE, WORDING_BOILERPLATE, WORDING_TERM } from './ruleData.js';
import type { ModelReading } from './textModel.js';

/**
 * How the scores are built (the policy the fixtures were written against):
 * - codes: for each category, the strongest code pointing to it (specific CARC 4, mixed CARC or RARC 3,
 *   a mixed code's other reading 2, generic CARCs such as 16 or 96 just 1, so their RARC decides);
 * - text: the sum of the matched phrase rows' weights, capped so that the letter alone never outweighs
 *   a specific code (the code is the payer's adjudication) but does decide between a mixed code's readings;
 * - the text model: where the rules are silent or weak (see modelPoints);
 * - decision rules: adjustments for stage, conflicts and context (rules/classification/decisions.json).
 */
const TEXT_CAP = 3;
/**
 * The text model's points: a strong reading weighs as much as a generic phrase row, enough to decide where
 * the rules are silent or weak, never enough to beat a specific code (4) or a specific phrase row (3). A weak
 * reading counts only beside a code or listed wording for its category (see modelPoints).
 */
const MODEL_POINTS = { strong: 2, weak: 1 } as const;
/** High: one strong reading and nothing competing (margin 3), or a strong, clearly leading one. */
const HIGH = { score: 4, margin: 2, sole: 3 };
const MEDIUM = { score: 2, margin: 1 };

const CLINICAL = new Set<string>(CLINICAL_CATEGORIES);
const isClinical = (category: string) => CLINICAL.has(category);
const ORDER = new Map<string, number>(DENIAL_CATEGORIES.map((category, index) => [category, index]));

interface Tally {
  code: number;
  text: number;
  model: number;
  adjust: number;
  fromCode: boolean;
  confirmed: boolean;
  /** Whether any of `text` came from a specific row rather than a generic frame ("not covered"). */
  specific: boolean;
}

/** Everything computed from the input before the decision rules run. */
export interface PreparedClassification {
  facts: ClassificationFacts;
  asOf?: string;
  tallies: Map<DenialCategory, Tally>;
  evidence: ClassificationEvidence[];
  warnings: string[];
  notDenials: string[];
  /** The text model's reading, when it counted toward the answer, and the letter's words behind it. */
  model?: { reading: ModelReading; terms: string[] };
}

const tallyOf = (tallies: Map<DenialCategory, Tally>, category: DenialCategory): Tally => {
  let tally = tallies.get(category);
  if (!tally) {
    tally = { code: 0, text: 0, model: 0, adjust: 0, fromCode: false, confirmed: false, specific: false };
    tallies.set(category, tally);
  }
  return tally;
};

/** The categories a specific phrase row read (the decision fact `reasonCategories`): generic frames left out. */
function specificCategories(tallies: Map<DenialCategory, Tally>): string[] {
  const categories: string[] = [];
  for (const [category, tally] of tallies) if (tally.specific) categories.push(category);
  return categories;
}

/** Reads codes and text into facts, evidence and base scores. Shared by both engines. */
export function prepareClassification(
  ruleSet: RuleSetWith<'classification'>,
  input: DenialInput,
): PreparedClassification {
  const rules = ruleSet.classification;
  const tallies = new Map<DenialCategory, Tally>();
  const evidence: ClassificationEvidence[] = [];
  const warnings: string[] = [];
  const notDenials: string[] = [];
  // Plain arrays: these hold a handful of items, and Sets cost more to build than they save.
  const carcCodes: string[] = [];
  const rarcCodes: string[] = [];
  const groupCodes: string[] = [];
  const codeCategories: string[] = [];
  const addOnce = (list: string[], item: string) => {
    if (!list.includes(item)) list.push(item);
  };

  /** Reads one code, given or quoted in the text (`quoted`: the text's words); false when it is not read. */
  const readCode = (parsed: ParsedCode, quoted: string | undefined): boolean => {
    const row: CodeRow | undefined = (parsed.system === 'CARC' ? rules.carc : rules.rarc).get(parsed.code);
    // A text may quote a payer's own code shaped like a RARC ("Message Code M737"): only known codes are read.
    if (!row && quoted !== undefined) return false;
    if (parsed.group) addOnce(groupCodes, parsed.group);
    if (!row) {
      warnings.push(
        `${parsed.system} ${parsed.display} is not in rule set ${ruleSet.ref.id} ${ruleSet.ref.version}, so it was not used; check the code against the payer's remittance.`,
      );
      return false;
    }
    addOnce(parsed.system === 'CARC' ? carcCodes : rarcCodes, row.code);
    // Built field by field in the order a reader sees them: a conditional spread costs an object copy.
    const item: ClassificationEvidence = {
      kind: 'code',
      value: parsed.display,
      ruleId: row.id,
    } as ClassificationEvidence;
    if (quoted !== undefined) item.matched = quoted;
    if (row.category) item.category = row.category;
    item.label = row.label;
    item.status = row.status;
    evidence.push(item);
    if (row.retired) {
      const where = quoted === undefined ? '' : `, quoted in the text as "${quoted}",`;
      warnings.push(
        `${parsed.system} ${parsed.display}${where} has been retired by X12; it is read here as "${row.label}", but ask the payer which current code applies.`,
      );
    }
    if (row.notADenial) notDenials.push(`${parsed.display} (${row.label})`);
    if (row.category) {
      addOnce(codeCategories, row.category);
      score(tallyOf(tallies, row.category), row.weight, row.status === 'confirmed');
    }
    for (const alternative of row.alternatives ?? []) {
      score(tallyOf(tallies, alternative.category), alternative.weight, row.status === 'confirmed');
    }
    return true;
  };

  for (const raw of input.codes ?? []) {
    // Read again rather than carried from validation: a zod transform costs more than the parse.
    const parsed = parseCode(raw);
    if (!parsed) continue; // the input schema has already refused shapeless codes
    readCode(parsed, undefined);
  }
  // Codes the text quotes ("denial code CO-50", a patient's transcription of an EOB) are the payer's codes too,
  // read as given ones; a code also given in `codes` is read once.
  let quotedCount = 0;
  if (input.text) {
    const quoted = codesQuotedIn(input.text, (code) =>
      (code.system === 'CARC' ? rules.carc : rules.rarc).has(code.code),
    );
    for (const { parsed, quoted: words } of quoted.codes) {
      // parseCode remembers recent answers: reading the given codes again costs a lookup each.
      if (input.codes?.some((raw) => sameCode(parseCode(raw), parsed))) continue;
      if (readCode(parsed, words)) quotedCount++;
    }
    if (quoted.unread.length) {
      const one = quoted.unread.length === 1;
      warnings.push(
        `The text mentions ${quoted.unread.map((words) => `"${words}"`).join(', ')}. Payers also number their own reasons, so ${one ? 'it was' : 'they were'} not read as a standard claim adjustment reason code (CARC); if the EOB or remittance lists ${one ? 'it as one, enter it' : 'one as such, enter it'} as a code.`,
      );
    }
  }

  const phraseCategories: string[] = [];
  const phraseIds: string[] = [];
  const reader = input.text ? rules.reader() : undefined;
  // Transient: the text's numbers are read in this call only (the answer keeps strings, never the text).
  const normalized = reader && input.text ? reader.normalizer.normalizeTransient(input.text) : undefined;
  const wording = reader && normalized ? findWording(reader, normalized) : undefined;
  if (wording) {
    // findWording gives each row once, whichever of its wordings matched.
    for (const { value, matched, row, via } of wording.matches) {
      phraseIds.push(row.id);
      // The fields in the order a reader sees them, as before (kind, value, ruleId, category, status, matched,
      // via), but the usual ones in one literal: each field added to an object after its literal went to a
      // store of its own, grown as fields arrived.
      const item: ClassificationEvidence = row.category
        ? matched !== value
          ? {
              kind: 'phrase',
              value,
              ruleId: row.id,
              category: row.category,
              status: row.status,
              matched,
            }
          : { kind: 'phrase', value, ruleId: row.id, category: row.category, status: row.status }
        : ({ kind: 'phrase', value, ruleId: row.id, status: row.status } as ClassificationEvidence);
      if (!row.category && matched !== value) item.matched = matched;
      if (via.length) item.via = via;
      evidence.push(item);
      if (!row.category) continue;
      addOnce(phraseCategories, row.category);
      const tally = tallyOf(tallies, row.category);
      tally.text = Math.min(TEXT_CAP, tally.text + row.weight);
      if (!row.frame) tally.specific = true;
      if (row.status === 'confirmed') tally.confirmed = true;
    }
  }

  let model: { reading: ModelReading; terms: string[] } | undefined;
  // The model is read only where it can count (see modelPoints): not past a clear rule reading.
  const strength = ruleStrength(tallies);
  if (rules.model && normalized && modelCanCount(strength)) {
    // Boilerplate sentences (appeal rights, notices) are instructions, not reasons: the model skips them.
    const reading = rules.model.readText(normalized, wording?.boilerplateSentences);
    const points = modelPoints(tallies, strength, reading);
    if (points > 0) {
      const terms = reading.terms.map((term) => normalized.spanText.slice(term.start, term.end));
      model = { reading, terms };
      tallyOf(tallies, reading.label as DenialCategory).model = points;
      for (const term of terms) {
        evidence.push({
          kind: 'model',
          value: term,
          ruleId: rules.model.ref.id,
          category: reading.label as DenialCategory,
          status: rules.model.ref.status,
        });
      }
    }
  }

  const reasonCategories = specificCategories(tallies);
  const facts: ClassificationFacts = {
    stage: input.stage ?? 'unspecified',
    planType: input.planType ?? 'unspecified',
    carcCodes,
    rarcCodes,
    groupCodes,
    codeCategories,
    phraseCategories,
    reasonCategories,
    phraseIds,
    clinicalSignal: codeCategories.some(isClinical) || phraseCategories.some(isClinical),
    hasCodes: (input.codes?.length ?? 0) > 0 || quotedCount > 0,
    hasText: Boolean(input.text?.trim()),
    modelCategory: model ? model.reading.label : 'none',
    modelStrength: model ? model.reading.strength : 'none',
    hasReason: codeCategories.length > 0 || reasonCategories.length > 0,
  };
  // Optional fields set after, not spread in: each conditional spread copied the object (a tenth of this
  // function's own time on a short text, in a CPU profile).
  const prepared: PreparedClassification = { facts, tallies, evidence, warnings, notDenials };
  if (input.asOf) prepared.asOf = input.asOf;
  if (model) prepared.model = model;
  return prepared;
}

/**
 * What the model's reading adds to its category. It decides only where the rules are silent or weak, and
 * alone only when its reading is strong:
 * - a specific code (weight 4) is the payer's adjudication, and a strong rule reading (3 or more from codes
 *   and listed wording) is the rule set's: the model then only breaks a tie among the categories the rules
 *   rank first together (half a point, where every rule score is whole), and is not read at all without one;
 * - a mixed code leaves its readings open: the model may decide between them, but not push a third
 *   category past it.
 */
function modelPoints(
  tallies: Map<DenialCategory, Tally>,
  { strongestCode, strongestRule, framesOnly }: RuleStrength,
  reading: ModelReading,
): number {
  if (reading.label === 'none' || reading.strength === 'none') return 0;
  const own = tallies.get(reading.label as DenialCategory);
  const ownRule = own ? own.code + own.text : 0;
  // A generic frame says only that the claim was refused, not why: where frames are all the rules found, a
  // reading of another category, weak or strong, outranks them (measured with scripts/corpus-cv.ts: 15 more
  // texts read right and 12 fewer flips than letting the frame decide).
  if (framesOnly && ownRule === 0) return Math.max(MODEL_POINTS[reading.strength], strongestRule + 0.5);
  if (strongestCode >= 4 || strongestRule >= 3) return ownRule === strongestRule ? 0.5 : 0;
  // Only a strong reading (cross-validated precision of 90% or more) may decide alone, or a weak one whose
  // dispute kind is clear (see the model's `kind` bar): a wrong category of the right kind still leads to the
  // right kind of appeal. Any other weak one supports what a code or a listed wording already says.
  if (reading.strength === 'weak' && ownRule === 0 && !reading.kindClear) return 0;
  const points = MODEL_POINTS[reading.strength];
  if (strongestCode >= 2 && (own?.code ?? 0) === 0) return Math.min(points, 1);
  return points;
}

/**
 * The strongest code, the strongest code-and-wording score, how many categories share the latter, and
 * whether the rules found only generic frames (wording, no code, no specific row).
 */
interface RuleStrength {
  strongestCode: number;
  strongestRule: number;
  sharing: number;
  framesOnly: boolean;
}

function ruleStrength(tallies: Map<DenialCategory, Tally>): RuleStrength {
  let strongestCode = 0;
  let strongestRule = 0;
  let sharing = 0;
  let framesOnly = tallies.size > 0;
  for (const tally of tallies.values()) {
    strongestCode = Math.max(strongestCode, tally.code);
    if (tally.code > 0 || tally.specific) framesOnly = false;
    const rule = tally.code + tally.text;
    if (rule > strongestRule) {
      strongestRule = rule;
      sharing = 1;
    } else if (rule === strongestRule) sharing++;
  }
  return { strongestCode, strongestRule, sharing, framesOnly };
}

/** Whether the model's reading could count: the rules are weak, or several categories tie at the top. */
function modelCanCount({ strongestCode, strongestRule, sharing, framesOnly }: RuleStrength): boolean {
  return framesOnly || !(strongestCode >= 4 || strongestRule >= 3) || sharing > 1;
}

/** Spacing a quote collapses: a line break, a tab, or two spaces. */
const SPACING = /\s\s|[\t\n\r\f\v]/;

interface WordingMatch {
  /** The phrase as listed in the rule set, or the letter's own words for a proximity pattern. */
  value: string;
  /** The letter's own words that matched. */
  matched: string;
  row: PhraseRow;
  /** Shorthand read inside the match ("COV TERM → coverage terminated"). */
  via: string[];
}

/**
 * Scratch for {@link findWording}, kept from call to call (calls never overlap) and counted, not emptied: the
 * phrase occurrences (each one's payload, and its first and last word) and the proximity terms' occurrences
 * (pattern, term, first and last word). A long letter has thousands; arrays grown anew for each were half
 * of what reading one allocated. Written only in order, so they stay packed. Between calls they hold the last
 * text's rule rows and word positions, never its words.
 */
const PHRASE_BUFFER: number[] = [];
const PHRASE_SPANS: number[] = [];
const TERM_BUFFER: TermOccurrences = [];
/** Occurrences the buffers keep at most between calls: a huge text's are let go after it. */
const BUFFER_KEPT = 1 << 16;
/** The sentences that give a specific reason and the rows already quoted, marked per letter (see StampedMarks). */
const SPECIFIC_SENTENCES = new StampedMarks();
const EMITTED_ROWS = new StampedMarks();

/**
 * The categories (as bits) of the windows each span (a number) begins or ends, for one call, kept from call to
 * call: open addressing over typed arrays, the slots filled marked per call (StampedMarks), so that a new call
 * starts empty without clearing. A Map made per letter grew its table several times over (with the windows written into an
 * array kept from call to call too, what a 10,000-character letter allocates: 80 → 66 KB, sampled).
 */
class SpanCategories {
  private keys = new Float64Array(256);
  private bits = new Int32Array(256);
  /** The slots filled this call. */
  private readonly filled = new StampedMarks();

  /** Starts a call's table, with room for `spans` spans (kept at most half full). */
  begin(spans: number): void {
    let slots = this.keys.length;
    while (slots < 2 * spans) slots *= 2;
    if (slots !== this.keys.length) {
      this.keys = new Float64Array(slots);
      this.bits = new Int32Array(slots);
    }
    this.filled.begin(slots);
  }

  /** The slot that holds `span` this call, or the empty one where it would go. */
  private slotOf(span: number): number {
    const mask = this.keys.length - 1;
    // Spans are integers below 2^53: their low and high 32 bits, mixed.
    let slot = (Math.imul(span | 0, 0x9e3779b1) ^ Math.imul((span / 0x1_0000_0000) | 0, 0x85ebca6b)) & mask;
    while (this.filled.has(slot) && this.keys[slot] !== span) slot = (slot + 1) & mask;
    return slot;
  }

  /** Adds categories to a span's. */
  add(span: number, bits: number): void {
    const slot = this.slotOf(span);
    if (this.filled.has(slot)) this.bits[slot] = (this.bits[slot] as number) | bits;
    else {
      this.filled.mark(slot);
      this.keys[slot] = span;
      this.bits[slot] = bits;
    }
  }

  /** A span's categories (0: none). */
  get(span: number): number {
    const slot = this.slotOf(span);
    return this.filled.has(slot) ? (this.bits[slot] as number) : 0;
  }
}

const SPAN_CATEGORIES = new SpanCategories();
/** The windows of proximity patterns, WINDOW_NUMBERS numbers each, kept from call to call as the buffers above. */
const WINDOW_BUFFER: number[] = [];

/** What a match with no shorthand read inside it says of shorthand: shared, never written to. */
const NO_SHORTHAND: string[] = [];

/**
 * Every phrase row found in the normalised words, in order: one automaton pass finds boilerplate,
 * phrases and proximity terms together; occurrences touching boilerplate are then dropped (the same as
 * masking the boilerplate out of the text first), and the proximity patterns are completed from the
 * remaining terms. Last, a generic frame ("not covered") is dropped from any sentence where a specific
 * reason was found: the reason is what the sentence says, the frame only that it was refused.
 */
function findWording(
  rules: TextReader,
  normalized: NormalizedText,
): { matches: WordingMatch[]; boilerplateSentences: Set<number> } {
  const boilerplateSentences = new Set<number>();
  const phrases = PHRASE_BUFFER;
  const spans = PHRASE_SPANS;
  const terms = TERM_BUFFER;
  let phraseCount = 0;
  let termCount = 0;
  // Occurrences arrive in order of their last word. One that starts at or before the end of boilerplate
  // already seen overlaps it; one already kept that ends inside new boilerplate is taken back.
  let boilerplateEnd = -1;
  // Positions are the letter's own words (see NormalizedText.source): shorthand read as several words
  // does not push the terms of a proximity pattern apart.
  const { origin, source } = normalized;
  const wordIds = rules.textIds.translate(normalized);
  const table = rules.wordings();
  const { kind: kindOf, pattern: patternOf, term: termOf } = table;
  // The phrase buffer holds entries of the automaton; their payloads (a phrase's row) are read by entry here.
  const payloads = rules.text.entryPayloads;
  rules.text.forEachEntryMatch(wordIds, normalized.ids.length, (entry, first, last) => {
    const start = origin[first] as number;
    const end = origin[last] as number;
    const kind = kindOf[entry] as number;
    if (kind === WORDING_BOILERPLATE) {
      boilerplateSentences.add(source.sentence[start] as number);
      while (phraseCount && (spans[2 * phraseCount - 1] as number) >= start) phraseCount--;
      while (termCount && (terms[termCount - 1] as number) >= start) termCount -= 4;
      boilerplateEnd = end;
    } else if (start > boilerplateEnd) {
      if (kind === WORDING_TERM) {
        terms[termCount] = patternOf[entry] as number;
        terms[termCount + 1] = termOf[entry] as number;
        terms[termCount + 2] = start;
        terms[termCount + 3] = end;
        termCount += 4;
      } else {
        if (kind === WORDING_AFFIRMED_PHRASE && normalized.negated[first]) return;
        phrases[phraseCount] = entry;
        spans[2 * phraseCount] = start;
        spans[2 * phraseCount + 1] = end;
        phraseCount++;
      }
    }
  });
  // Every window of a proximity pattern, not only its first: each marks its sentence as giving a specific reason,
  // so the frame beside any of them yields ("…the exclusion of this modifier…" two sentences after its first).
  const windows = WINDOW_BUFFER;
  const windowCount = termCount ? rules.near.completeInto(terms, termCount, true, windows) : 0;
  // A listed wording that is the first or last term of a proximity window of another category is read in
  // that window's context ("services for diagnosis reported are not a benefit": the diagnosis row's term,
  // not a plain exclusion), so it yields to it, unless a window of its own category holds it too. Each span
  // (first word × a bound past the text's last word + last word) keeps the categories of the windows it begins or
  // ends, as bits (WordingTable.rowCategory). The bound is the text's own, so that a letter's keys are small
  // integers: with a fixed bound of 2^26 each key was a boxed double.
  const spanBound = source.starts.length + 1;
  const { entryRow, patternRow, rowCategory } = table;
  // Each window holds three spans at most.
  const inContext = SPAN_CATEGORIES;
  inContext.begin(3 * windowCount);
  // The sentences that give a specific reason, and (below) the rows already quoted, marked in arrays kept from
  // call to call rather than in Sets made per letter (with the categories as bits rather than arrays, what a
  // 10,000-character letter allocates: 127 → 107 KB, sampled).
  const specific = SPECIFIC_SENTENCES;
  specific.begin(source.sentence.length + 1);
  for (let at = 0; at < windowCount * WINDOW_NUMBERS; at += WINDOW_NUMBERS) {
    const pattern = windows[at] as number;
    const { row } = rules.nearPatterns[pattern] as NearPattern;
    if (!row.category || row.frame) continue;
    const start = windows[at + 1] as number;
    const firstStart = windows[at + 3] as number;
    const firstEnd = windows[at + 4] as number;
    specific.mark(source.sentence[start] as number);
    const category = rowCategory[patternRow[pattern] as number] as number;
    inContext.add(start * spanBound + firstEnd, category);
    if (firstStart !== start) inContext.add(firstStart * spanBound + firstEnd, category);
    inContext.add((windows[at + 5] as number) * spanBound + (windows[at + 2] as number), category);
  }
  // A span no window holds has no bits; a window's span has its category's.
  const yieldsToContext = (row: PhraseRow, rowIndex: number, start: number, end: number) => {
    if (!row.category) return false;
    const categories = inContext.get(start * spanBound + end);
    return categories !== 0 && (categories & (rowCategory[rowIndex] as number)) === 0;
  };
  // Each wording decided once: one that yields is dropped from the buffer (compacted in place), the rest stay.
  let kept = 0;
  for (let index = 0; index < phraseCount; index++) {
    const entry = phrases[index] as number;
    const payload = payloads[entry] as Extract<TextPayload, { kind: 'phrase' }>;
    const start = spans[2 * index] as number;
    const end = spans[2 * index + 1] as number;
    if (yieldsToContext(payload.row, entryRow[entry] as number, start, end)) continue;
    if (payload.row.category && !payload.row.frame) specific.mark(source.sentence[start] as number);
    phrases[kept] = entry;
    spans[2 * kept] = start;
    spans[2 * kept + 1] = end;
    kept++;
  }
  phraseCount = kept;
  const matches: WordingMatch[] = [];
  // A row counts once, at its first occurrence: the rest are not quoted (a long letter repeats wording).
  const emitted = EMITTED_ROWS;
  emitted.begin(table.rowCategory.length);
  // A proximity match has no listed wording (`value` absent): its value is the letter's own words.
  const emit = (row: PhraseRow, rowIndex: number, start: number, end: number, value: string | undefined) => {
    if (emitted.has(rowIndex)) return;
    if (row.frame && specific.has(source.sentence[start] as number)) return;
    emitted.mark(rowIndex);
    const from = source.starts[start] ?? 0;
    const to = source.ends[end] ?? 0;
    // A plain loop, an array only where shorthand is read inside the match: a letter with shorthand made two
    // arrays and two closures for each of its matches (what a letter allocates: 107 → 85 KB, sampled).
    let via = NO_SHORTHAND;
    for (const rewrite of normalized.rewrites) {
      if (rewrite.start < from || rewrite.start >= to) continue;
      if (via === NO_SHORTHAND) via = [];
      via.push(`${rewrite.text} → ${rewrite.as}`);
    }
    const quoted = normalized.spanText.slice(from, to);
    const matched = SPACING.test(quoted) ? quoted.replace(/\s+/g, ' ') : quoted;
    matches.push({ value: value ?? matched, matched, row, via });
  };
  for (let index = 0; index < phraseCount; index++) {
    const entry = phrases[index] as number;
    const { row, phrase } = payloads[entry] as Extract<TextPayload, { kind: 'phrase' }>;
    emit(row, entryRow[entry] as number, spans[2 * index] as number, spans[2 * index + 1] as number, phrase);
  }
  // The other way round: a window that lies wholly inside a listed wording of another category is part of that
  // wording ("procedure code invalid for billing provider" holds the coding row's "code … invalid", but says the
  // provider may not bill the code), so it yields to it, unless a wording of its own category holds it too.
  const insideWordingOfOtherCategory = (windowRow: number, start: number, end: number) => {
    const own = rowCategory[windowRow] as number;
    if (own === 0) return false;
    let other = false;
    for (let index = 0; index < phraseCount; index++) {
      if ((spans[2 * index] as number) > start || (spans[2 * index + 1] as number) < end) continue;
      const entry = phrases[index] as number;
      const { row } = payloads[entry] as Extract<TextPayload, { kind: 'phrase' }>;
      if (!row.category || row.frame) continue;
      const category = rowCategory[entryRow[entry] as number] as number;
      if ((category & own) !== 0) return false;
      other = true;
    }
    return other;
  };
  for (let at = 0; at < windowCount * WINDOW_NUMBERS; at += WINDOW_NUMBERS) {
    const pattern = windows[at] as number;
    const rowIndex = patternRow[pattern] as number;
    const start = windows[at + 1] as number;
    const end = windows[at + 2] as number;
    if (insideWordingOfOtherCategory(rowIndex, start, end)) continue;
    emit((rules.nearPatterns[pattern] as NearPattern).row, rowIndex, start, end, undefined);
  }
  if (phrases.length > BUFFER_KEPT) phrases.length = 0;
  if (spans.length > 2 * BUFFER_KEPT) spans.length = 0;
  if (terms.length > 4 * BUFFER_KEPT) terms.length = 0;
  if (windows.length > WINDOW_NUMBERS * BUFFER_KEPT) windows.length = 0;
  return { matches, boilerplateSentences };
}

const sameCode = (a: ParsedCode | undefined, b: ParsedCode) => a?.system === b.system && a.code === b.code;

function score(tally: Tally, weight: number, confirmed: boolean) {
  tally.code = Math.max(tally.code, weight);
  tally.fromCode = true;
  if (confirmed) tally.confirmed = true;
}

/** Runs the compiled decision rules. */
export function fireCompiled(ruleSet: RuleSetWith<'classification'>, prepared: PreparedClassification) {
  return evaluateIndexedRules(ruleSet.classification.decisionIndex, prepared.facts, prepared.asOf);
}

/** Applies the fired rules' events and picks the answer. Shared by both engines. */
export function finishClassification(
  ruleSet: RuleSetWith<'classification'>,
  prepared: PreparedClassification,
  fired: readonly DecisionRule<ClassificationEvent>[],
): DenialClassification {
  const { tallies, evidence } = prepared;
  const warnings = [...prepared.warnings];
  const flags: Extract<ClassificationEvent, { type: 'flag' }>['params'][] = [];
  for (const rule of fired) {
    const event = rule.event;
    if (event.type === 'adjust') tallyOf(tallies, event.params.category).adjust += event.params.points;
    else if (event.type === 'flag') flags.push(event.params);
    else warnings.push(event.params.message);
  }

  const candidates: (ClassificationCandidate & {
    fromCode: boolean;
    fromRules: boolean;
    confirmed: boolean;
  })[] = [];
  for (const [category, tally] of tallies) {
    const total = tally.code + tally.text + tally.model + tally.adjust;
    const fromRules = tally.code + tally.text > 0;
    if (total > 0)
      candidates.push({
        category,
        score: total,
        fromCode: tally.fromCode,
        fromRules,
        confirmed: tally.confirmed,
      });
  }
  // On a tie: a code, then listed wording, then the model alone.
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.fromCode) - Number(a.fromCode) ||
      Number(b.fromRules) - Number(a.fromRules) ||
      (ORDER.get(a.category) ?? 0) - (ORDER.get(b.category) ?? 0),
  );

  const top = candidates[0];
  const category: DenialCategory = top ? top.category : 'unknown';
  const clinical = CLINICAL.has(category);
  let secondOpinionHelps = clinical;
  let externalReviewEligible = clinical;
  for (const flag of flags) {
    if (flag.category !== category) continue;
    if (flag.secondOpinionHelps !== undefined) secondOpinionHelps = flag.secondOpinionHelps;
    if (flag.externalReviewEligible !== undefined) externalReviewEligible = flag.externalReviewEligible;
    if (flag.message) warnings.push(flag.message);
  }

  let confidence: Confidence = 'low';
  if (top) {
    const margin = top.score - (candidates[1]?.score ?? 0);
    if (margin >= HIGH.sole || (top.score >= HIGH.score && margin >= HIGH.margin)) confidence = 'high';
    else if (top.score >= MEDIUM.score && margin >= MEDIUM.margin) confidence = 'medium';
    const tally = tallies.get(top.category);
    const modelOnly = tally !== undefined && tally.model > 0 && tally.code === 0 && tally.text === 0;
    if (modelOnly) {
      // The model generalises from payers' messages; a reading nothing else supports is a lead, not a finding.
      confidence = prepared.model?.reading.strength === 'strong' && confidence !== 'low' ? 'medium' : 'low';
      const terms = (prepared.model?.terms ?? []).map((term) => `"${term}"`).join(', ');
      warnings.push(
        `The ${category.replaceAll('_', ' ')} reading is a statistical guess from the words${terms ? ` ${terms}` : ''}: no code or known denial wording says so. Check it against the letter, and ask the plan in writing for the specific reason if the letter does not state it.`,
      );
    } else if (!top.confirmed && confidence === 'high') confidence = 'medium';
    if (!top.confirmed && !modelOnly) {
      warnings.push(
        `The ${category.replaceAll('_', ' ')} reading rests only on wording or codes the rule set marks unconfirmed; check it against the letter.`,
      );
    }
  } else {
    if (prepared.notDenials.length) {
      warnings.push(
        `${prepared.notDenials.join(', ')}: cost-sharing or pricing adjustment, not a denial reason. If a service was refused, look for the code or sentence that says why.`,
      );
    }
    warnings.push(
      'No code or wording matched a known denial reason; ask the payer in writing for the specific reason for the denial.',
    );
  }

  return {
    category,
    disputeKind: clinical ? 'clinical' : 'administrative',
    secondOpinionHelps,
    externalReviewEligible,
    confidence,
    candidates: candidates.map(({ category: c, score: s }) => ({ category: c, score: s })),
    evidence,
    ruleIds: fired.map((rule) => rule.id),
    warnings,
    ruleSet: ruleSet.ref,
  };
}
