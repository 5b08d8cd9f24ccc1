import { type ParsedCode, parseCode } from './codes.js';

/** A CARC or RARC a letter, a patient or a claims screen quotes in the text. */
export interface QuotedCode {
  parsed: ParsedCode;
  /** The text's own words for it ("denial code CO-50", "N115"). */
  quoted: string;
}

/** What {@link codesQuotedIn} found: the codes it read, and numbers a generic label gives that it did not read. */
export interface QuotedCodes {
  /** At most {@link MAX_QUOTED_CODES}, each once. */
  codes: QuotedCode[];
  /**
   * "reason code 197", "denial code 50": a bare number after a label any payer uses for its own codes. It may be
   * a CARC or the payer's proprietary code, so it is not read; the caller says so. Each once, at most
   * {@link MAX_UNREAD}.
   */
  unread: string[];
}

/** Whether the rule set knows a code: a number is read as a CARC only beside a RARC the tables hold. */
export type KnownCode = (code: ParsedCode) => boolean;

/** The most codes read from one text (a remittance lists a few; the `codes` field takes 200). */
export const MAX_QUOTED_CODES = 50;
/** The most unread numbers reported from one text. */
export const MAX_UNREAD = 5;

// Regular expressions rather than a tokenizer: the shapes are short, fixed and anchored on word edges, and no two
// repetitions in a pattern can take the same characters, so any text up to the input limit is scanned in linear time
// (test/quotedCodes.test.ts runs 100,000-character adversarial texts).

/** A hyphen, or a dash a PDF or a word processor puts in its place ("CO–50", "CO‑50"). */
const DASH = '[-\\u2010-\\u2015\\u2212]';
/** A group code, or two a remittance leaves open ("CO/PR B7": the first is read). */
const GROUP = '(?:co|pr|oa|pi|cr)(?:/(?:co|pr|oa|pi|cr))?';
/**
 * A claim adjustment group code with its CARC: `CO-50`, `CO50`, `CO 50`, `PR-B9`, `co-50`. Joined without a
 * separator the number has two or three digits, so "CO2" (carbon dioxide) is not a code. A code stands alone
 * (see EDGE_AFTER): "Ambien CR 12.5 mg", "CO 12/15/2025", a ZIP code ("Denver, CO 80202") are not codes. Found
 * without a label, the group must be in capitals or be followed by a hyphen, and a group and number apart ("CO 50")
 * must be in a clause about a denial, with two or three digits: see {@link unlabelledOk}.
 */
const GROUPED = `(?:${GROUP}\\s?${DASH}\\s?(?:[a-lo-z]\\d{1,3}|\\d{1,3})|${GROUP}(?:[a-lo-z]\\d{1,3}|\\d{2,3})|${GROUP}\\s(?:[a-lo-z]\\d{1,3}|\\d{1,3}))`;
/**
 * A RARC: `N115`, `MA130`, `M127`, read only after a label or listed right after another code ("N95" alone is a
 * mask, "M54.5" a diagnosis). RARCs have no leading zero: "EX CODE N01" is a payer's own explanation code.
 */
const REMARK = '(?:ma|m|n)[1-9]\\d{0,2}';
/** After a RARC label, a space may split it: "RARC MA 130". */
const LABELLED_REMARK = '(?:ma|m|n)\\s?[1-9]\\d{0,2}';
/** A CARC without its group, read only after a label that says it is one ("CARC 50", "adjustment reason code 197"). */
const BARE = '(?:[a-lo-z]\\d{1,3}|\\d{1,3})';
/**
 * Where a code ends: not inside a longer token, not before a decimal or a date's or a dose's next part ("M54.5",
 * "CO 12/15", "CR 50/200") and not before a unit or a duration ("Paxil CR 25 mg", "PR 160 ms", "OA 10 yrs", "PR 18
 * months ago"). A count word may follow ("CO-97 claims were denied"): a bare number in a list is held to
 * {@link TAIL} instead ("CARC 16; 2 claims").
 */
const EDGE_AFTER = `(?![a-z0-9]|${DASH}\\d|[./]\\d|\\s?(?:(?:mg|mcg|ml|ms|msec|sec|mm|cm|kg|lbs?|yrs?|years?|yo|mos?|months?|wks?|weeks?|days?|hrs?|hours?|mins?|minutes?|bpm|percent|degrees?)\\b|%))`;
/**
 * What may follow a RARC read without its own label, and a CARC number read from a list: the end, punctuation, a
 * list word or another code, never a word ("N186 end stage renal disease" is a diagnosis code, "CARC 16; 2 claims"
 * a count).
 */
const TAIL = `(?=\\s*(?:$|[,;.:)/&+\\]-]|\\u2013|and\\b|or\\b|with\\b|(?:co|pr|oa|pi|cr|ma|m|n)[\\s-]?\\d))`;

/** Labels that say the code after them is a CARC, or a RARC. */
const PLURAL = '(?:s|\\(s\\))?';
const CARC_LABEL = `(?:carc${PLURAL}(?:\\s+code${PLURAL})?|(?:claim\\s+)?adjustment\\s+reason\\s+code${PLURAL})`;
const RARC_LABEL = `(?:rarc${PLURAL}(?:\\s+code${PLURAL})?|(?:remittance\\s+advice\\s+)?remark\\s+code${PLURAL})`;
/**
 * Labels any payer also uses for its own codes: a grouped code or a RARC after one is read, a bare number only
 * after "reason code" or "denial reason" and beside a RARC ("reason code 62 M62": a remittance line's CARC and its
 * remark), and otherwise reported unread.
 */
const GENERIC_LABEL =
  '(?:(?:reason|denial|rejection|adjustment|explanation|eob|claim)\\s+codes?|denial\\s+reasons?)';
/**
 * Between a label and its code, each optional: a closing parenthesis ("remark code (RARC) M127"), "is", "#",
 * "no.", "number", a colon. No two repetitions can take the same spaces ("\\s*\\s*" would try every split of a long
 * run of spaces: quadratic).
 */
const NUMBER_MARK = '\\s*(?:\\)\\s*)?(?:(?:is|was)\\s+)?(?:(?:#|no\\.?|number|nos\\.?)\\s*)?(?:[:=-]\\s*)?';
/** The word or mark joining two codes of a list: "CO-16, N290", "N290, N479, and MA130", "CO16-N290", "N54/N351". */
const LIST_JOIN = `\\s*(?:(?:,\\s*(?:and|or)\\b|,|;|/|&|\\+|${DASH}|and\\b|or\\b|with\\b)\\s*)?`;
/** Before a listed code: the join, and the code's own label if it has one ("CO-16 with remark MA130"). */
const LIST_SEPARATOR = `${LIST_JOIN}(?:(?:remarks?|rarcs?)(?:\\s+codes?)?\\s*(?::\\s*)?)?`;

/**
 * A quote at one place: a label and the code after it; the EOB layout "Group Code: CO  Reason Code: 45"; or a grouped
 * code alone. The codes listed right after any of them ("CO-16, N290 and N479") are read after it. Case-blind, as
 * people type labels; the case a group code needs alone is checked after (JavaScript has no case-sensitive group
 * inside a case-blind pattern).
 *
 * Sticky: {@link codesQuotedIn} tries it only where a quote can start (see {@link nextQuote}) instead of letting it
 * scan the text, which tried its whole alternation at every letter: on the benchmark's 10,000-character letters,
 * 0.083 ms a letter before, 0.070 after (the label scan below is most of what is left). Checked against the old scan
 * on 27,000 texts (the corpus, the development and held-out sets, the fixtures and random mixes of code-like words)
 * and, by a review, on 1.5 million generated ones: the same codes and unread numbers for every one. On a text dense
 * with possible starts it does more work than the old scan did (100,000 characters of "co1 " took 1.5 ms against
 * 0.15): still linear, and rare in a letter.
 */
const QUOTE = new RegExp(
  `(?:${CARC_LABEL}${NUMBER_MARK}(?<carc>${GROUPED}|${BARE})${EDGE_AFTER}` +
    `|${RARC_LABEL}${NUMBER_MARK}(?<rarc>${LABELLED_REMARK})${EDGE_AFTER}` +
    `|group\\s+codes?${NUMBER_MARK}(?<pairGroup>${GROUP})\\b[^\\n]{0,30}?reason\\s+codes?${NUMBER_MARK}(?<pairReason>${BARE})${EDGE_AFTER}` +
    `|(?<label>${GENERIC_LABEL})${NUMBER_MARK}(?:(?<labelled>${GROUPED}${EDGE_AFTER}|${REMARK}${EDGE_AFTER}${TAIL})|(?<number>\\d{1,3})${EDGE_AFTER})` +
    `|(?<grouped>${GROUPED})${EDGE_AFTER})`,
  'iy',
);
/**
 * Where each of QUOTE's alternatives can start, found by one plain scan: its labels' first words, factored by
 * their first letters, or a group code with a digit close after it. Every place QUOTE can match is one of these
 * (a superset: QUOTE, tried there, decides), so reading from them finds the same quotes in the same order. One
 * scan, not one for each kind of start: the scans, not QUOTE, were most of the time (a 10,000-character letter has
 * about ten places to try), and one pass costs about what the labels' alone did: 37 µs a letter against 57 for the
 * two, and the letter 3% faster, paired; the same quotes as the two scans on 206,000 texts (the corpus, the
 * development and held-out sets and random mixes of code-like words).
 */
const QUOTE_START = new RegExp(
  `c(?:arc|laim\\s+(?:adjustment|code))|r(?:arc|e(?:mark|mittance|ason|jection))|adjustment|group\\s+code|denial|e(?:xplanation|ob)` +
    `|${GROUP}[\\s:]{0,3}(?:${DASH}[\\s:]{0,2})?[a-z]?\\d`,
  'gi',
);
/** The joining word or mark before a listed code, left out of its quote. */
const LEADING_JOIN = new RegExp(`^${LIST_JOIN}`, 'i');
/** A code listed after another: a grouped code, or a RARC or (after a CARC label) a bare CARC followed by no word. */
const LISTED = `${GROUPED}${EDGE_AFTER}|${REMARK}${EDGE_AFTER}${TAIL}`;
const NEXT_IN_LIST = new RegExp(`^${LIST_SEPARATOR}(${LISTED})`, 'i');
const NEXT_BARE_IN_LIST = new RegExp(`^${LIST_SEPARATOR}(${LISTED}|${BARE}${EDGE_AFTER}${TAIL})`, 'i');
/**
 * A RARC right after a labelled number, maybe with its own label: "62 M62", "62, remark code M62", "197 and remark
 * code N54", "96 with RARC N130"; followed by no word ("Denial reason 2, M62 muscle spasm" is a diagnosis).
 */
const REMARK_NEXT = new RegExp(
  `^\\s*(?:(?:[,/;&]|and\\b|with\\b)\\s*)?(?:(?:remarks?(?:\\s+codes?)?|rarcs?)${NUMBER_MARK})?(${LABELLED_REMARK})${EDGE_AFTER}${TAIL}`,
  'i',
);
const STARTS_GROUPED = new RegExp(`^${GROUPED}$`, 'i');
const CAPITAL_GROUP = /^(?:CO|PR|OA|PI|CR)/;
/** CR and PI are read alone only with a hyphen: "Ambien CR 12", "PI 20 min" are a drug and a note. */
const HYPHEN_ONLY_GROUP = /^(?:cr|pi)/i;
const HYPHENED_GROUP = new RegExp(`^[a-z]{2}\\s?${DASH}`, 'i');
/** A group and a number apart: "CO 50", "PR B9". */
const SPACED_GROUP = /^[a-z]{2}\s[a-z]?\d+$/i;
const ONE_DIGIT = /^[a-z]{2}\s\d$/i;
/** Words that say a clause is about a denial or a remittance. */
const DENIAL_WORDS =
  /deni|reject|refus|not\s+(?:be\s+)?(?:covered|paid|payable)|adjust|remit|\beob\b|code|reason/i;
/** Where a clause ends: a sentence's end, a comma, a semicolon or a bracket (a colon introduces: "Denied: CO 50"). */
const CLAUSE_END = /[.!?\n,;()[\]]/;
/** How far either side of a code its clause is looked at for {@link DENIAL_WORDS}. */
const CLAUSE_REACH = 120;

/** The last clause looked at, so that codes in one clause do not each walk it again. */
interface ClauseSeen {
  from: number;
  to: number;
  denial: boolean;
}

/**
 * Whether a grouped code's form reads as a code wherever it is: its group in capitals, or any case with a hyphen
 * ("CO 50", "co-50", not "Co 50"); CR and PI only with a hyphen; a group and one digit apart ("PR 2", "OA 3") not.
 */
function groupedFormOk(raw: string): boolean {
  const code = raw.replace(SECOND_GROUP, '');
  if (!HYPHENED_GROUP.test(code) && (!CAPITAL_GROUP.test(code) || HYPHEN_ONLY_GROUP.test(code))) return false;
  return !ONE_DIGIT.test(code);
}

/**
 * Whether a grouped code found without a label reads as one: its form ({@link groupedFormOk}), and for a group and
 * number apart ("CO 50", the way remittance screens print them, and also how an address, a drug, a lab value or a
 * grade is written: "ACME HEALTH CO 150 MAIN STREET", "PR 150, QRS 90") a clause that speaks of a denial, an
 * adjustment or a code ("they denied 97164 for CO 236").
 */
function unlabelledOk(raw: string, text: string, start: number, end: number, seen: ClauseSeen): boolean {
  if (!groupedFormOk(raw)) return false;
  if (!SPACED_GROUP.test(raw.replace(SECOND_GROUP, ''))) return true;
  if (start >= seen.from && end <= seen.to) return seen.denial;
  let from = start;
  while (from > 0 && start - from < CLAUSE_REACH && !CLAUSE_END.test(text[from - 1] as string)) from--;
  let to = end;
  while (to < text.length && to - end < CLAUSE_REACH && !CLAUSE_END.test(text[to] as string)) to++;
  seen.from = from;
  seen.to = to;
  seen.denial = DENIAL_WORDS.test(text.slice(from, to));
  return seen.denial;
}

/** The second of two group codes ("CO/PR B7"), dropped before a code is parsed. */
const SECOND_GROUP = /(?<=^[a-z]{2})\/[a-z]{2}/i;
/** Dashes read as hyphens before a code is parsed. */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * The CARCs and RARCs a text quotes, in order and each once: a grouped code (`CO-50`; `CO 50` in a sentence about
 * a denial), a code after a label that names it (`CARC 50`, `remark code N115`, `denial code CO-197`), the EOB
 * layout `Group Code: CO Reason Code: 45`, and the codes listed right after any of them (`CO-16, N290 and N479`).
 * A bare number after a label any payer uses for its own codes (`reason code 197`) is reported in `unread`, not
 * read, unless a RARC the rule set knows follows it (`reason code 62 M62`).
 *
 * @param known - whether the rule set holds a code (default: every code); a number beside a RARC it does not hold
 *   is not read as a CARC
 * @example
 * ```ts
 * codesQuotedIn('Denied, code CO-50 / N115.').codes.map((code) => code.parsed.display); // ['CO-50', 'N115']
 * codesQuotedIn('CO2 laser resurfacing').codes; // []
 * codesQuotedIn('reason code 197').unread;      // ['reason code 197']
 * ```
 */
export function codesQuotedIn(text: string, known: KnownCode = () => true): QuotedCodes {
  if (!HAS_DIGIT.test(text) || !MAY_QUOTE.test(text)) return NOTHING_QUOTED;
  const codes: QuotedCode[] = [];
  const unread: string[] = [];
  const seen = new Set<string>();
  const clause: ClauseSeen = { from: -1, to: -1, denial: false };
  const add = (raw: string, quoted: string): boolean => {
    const parsed = parseCode(raw.replace(DASHES, '-').replace(SECOND_GROUP, ''));
    if (!parsed) return false;
    const key = `${parsed.system} ${parsed.code}`;
    if (!seen.has(key) && codes.length < MAX_QUOTED_CODES) {
      seen.add(key);
      codes.push({ parsed, quoted: quoted.replace(SPACES, ' ') });
    }
    return true;
  };
  const starts: QuoteStart = { at: NOT_SCANNED };
  QUOTE.lastIndex = 0;
  for (let match = nextQuote(text, starts); match; match = nextQuote(text, starts)) {
    // A word edge before the match, checked here rather than as a lookbehind in the pattern: a lookbehind is
    // tried at every position of the text (a 10,000-character letter took 30 µs with it, 22 without).
    if (match.index > 0 && WORD_BEFORE.test(text[match.index - 1] as string)) {
      QUOTE.lastIndex = match.index + 1;
      continue;
    }
    const groups = match.groups ?? {};
    let end = QUOTE.lastIndex;
    let code = groups.carc ?? groups.rarc ?? groups.labelled;
    if (groups.pairGroup !== undefined && groups.pairReason !== undefined)
      code = `${groups.pairGroup}-${groups.pairReason}`;
    if (groups.grouped !== undefined && unlabelledOk(groups.grouped, text, match.index, end, clause))
      code = groups.grouped;
    if (groups.number !== undefined) {
      // A RARC right after the number says the line is a remittance's: "reason code 62 M62", "denial reason 15
      // N54/N351". Otherwise "reason code 197" may be a CARC or the payer's own code, and "denial reason 1" (a
      // letter's list) says nothing.
      const remark = REMARK_NEXT.exec(text.slice(end, end + LIST_WINDOW));
      const remarkCode = remark ? parseCode(remark[1] as string) : undefined;
      if (remarkCode && known(remarkCode) && /reason/i.test(groups.label ?? '')) code = groups.number;
      else if (/codes?$/i.test(groups.label ?? '')) {
        const words = match[0].replace(SPACES, ' ');
        if (
          unread.length < MAX_UNREAD &&
          !unread.some((other) => other.toLowerCase() === words.toLowerCase())
        )
          unread.push(words);
      }
    }
    if (code === undefined) continue;
    // A label in parentheses ("code (RARC) M127") is quoted with its opening one.
    const words = match[0].includes(')') && text[match.index - 1] === '(' ? `(${match[0]}` : match[0];
    if (!add(code, words)) continue;
    // The codes listed right after this one: "CO-16, N290 and N479", "CARC 16, 252".
    const next = groups.carc !== undefined ? NEXT_BARE_IN_LIST : NEXT_IN_LIST;
    for (let rest = next.exec(text.slice(end, end + LIST_WINDOW)); rest; ) {
      const item = rest[1] as string;
      // A grouped code listed after another keeps the rules of its form ("CO-50 and PR 2" is not a list); the list
      // is its context, so its clause is not looked at. It is quoted with its own label, if it has one ("CO-97 and
      // remark code M80"), without the list's joining word.
      if (!STARTS_GROUPED.test(item) || groupedFormOk(item)) add(item, rest[0].replace(LEADING_JOIN, ''));
      end += rest[0].length;
      rest = next.exec(text.slice(end, end + LIST_WINDOW));
    }
    QUOTE.lastIndex = end;
  }
  return { codes, unread };
}

/** The next place the start scan found at or after where reading is: NOT_SCANNED before the first scan. */
interface QuoteStart {
  at: number;
}
const NOT_SCANNED = -1;
/** The scan has no more places. */
const NO_MORE = -2;

/**
 * The next quote from QUOTE.lastIndex: QUOTE tried at each possible start in turn, finding what a scan of the
 * text would (the leftmost place where it matches), and never looking past that place.
 */
function nextQuote(text: string, start: QuoteStart): RegExpExecArray | null {
  let from = QUOTE.lastIndex;
  for (;;) {
    if (start.at === NO_MORE) return null;
    // Not scanned yet, or the scan's place lies inside the last quote: it moves on from where reading is.
    if (start.at < from) {
      QUOTE_START.lastIndex = from;
      start.at = QUOTE_START.exec(text)?.index ?? NO_MORE;
      if (start.at === NO_MORE) return null;
    }
    QUOTE.lastIndex = start.at;
    const match = QUOTE.exec(text);
    if (match) return match;
    from = start.at + 1;
  }
}

/** The answer for most texts, shared: frozen, so no caller can add to it. */
const NOTHING_QUOTED: QuotedCodes = Object.freeze({
  codes: Object.freeze([]) as unknown as QuotedCode[],
  unread: Object.freeze([]) as unknown as string[],
});
const HAS_DIGIT = /\d/;
/**
 * What any quote needs besides a digit: a group code before a digit, or a label's word. A small pattern tried
 * first, so that the large one is neither compiled nor run on a text that quotes nothing (V8 compiles a pattern on
 * its first runs: the large one cost a first call a millisecond).
 */
const MAY_QUOTE = /(?:co|pr|oa|pi|cr)[\s:\-\u2010-\u2015\u2212]{0,3}[a-z]?\d|carc|rarc|remark|code|reason/i;
const WORD_BEFORE = /[a-z0-9-]/i;
const SPACES = /\s+/g;
/** Enough characters for a separator and one code: the next code in a list is looked for only there. */
const LIST_WINDOW = 32;
