import { type ParsedCode, parseCode } from './codes.js';

/** A CARC or RARC a letter, a patient or a claims screen quotes in the text. */
export interface QuotedCode {
  parsed: ParsedCode;
  /** The text's own words for it ("denial code CO-50", "N115"). */
  quoted: string;
}

/** What {@link codesQuotedIn} found: the codes it read, and numbers a generic label gives that it did not read. */
export interface QuotedCodes {
  codes: QuotedCode[];
  /**
   * "reason code 197", "denial code 50": a bare number after a label any payer uses for its own codes. It may be
   * a CARC or the payer's proprietary code, so it is not read; the caller says so.
   */
  unread: string[];
}

// Regular expressions rather than a tokenizer: the shapes are short, fixed and anchored on word edges, and
// every pattern is linear (no nested repetition), so any text up to the input limit is scanned in one pass.

/**
 * A claim adjustment group code with its CARC: `CO-50`, `CO 50`, `CO50`, `PR-B9`, `co-50`. Without a hyphen or a
 * space the number has two or three digits, so "CO2" (carbon dioxide, a CO2 laser) is not a code; a five-digit
 * number is a ZIP code ("Denver, CO 80202"), never a CARC. The group is in capitals unless a hyphen follows it
 * ("Co 50" is a company's address): see {@link groupCaseOk}.
 */
const GROUPED =
  '(?:(?:co|pr|oa|pi|cr)(?:\\s?-\\s?|\\s)(?:[a-lo-z]\\d{1,3}|\\d{1,3})|(?:co|pr|oa|pi|cr)(?:[a-lo-z]\\d{1,3}|\\d{2,3}))';
/**
 * A RARC: `N115`, `MA130`, `M127`, read only after a label or beside another code ("N95" alone is a mask). RARCs
 * have no leading zero: "EX CODE N01" is a payer's own explanation code.
 */
const REMARK = '(?:ma|m|n)[1-9]\\d{0,2}';
/** A CARC without its group, read only after a label that says it is one ("CARC 50", "adjustment reason code 197"). */
const BARE = '(?:[a-lo-z]\\d{1,3}|\\d{1,3})';
const EDGE_AFTER = '(?![a-z0-9]|-\\d)';

/** Labels that say the code after them is a CARC, or a RARC. */
const CARC_LABEL = '(?:carcs?|(?:claim\\s+)?adjustment\\s+reason\\s+codes?)';
const RARC_LABEL = '(?:rarcs?|(?:remittance\\s+advice\\s+)?remark\\s+codes?|remarks?)';
/**
 * Labels any payer also uses for its own codes: a grouped code or a RARC after one is read, a bare number only
 * where a RARC follows it ("reason code 62 M62": a remittance line's CARC and its remark).
 */
const GENERIC_LABEL =
  '(?:(?:reason|denial|rejection|adjustment|explanation|eob|claim)\\s+codes?|denial\\s+reasons?)';
/**
 * A closing parenthesis ("remark code (RARC) M127"), "#", "no.", "number" and a colon, each optional, between a
 * label and its code. Written so that no two repetitions can take the same spaces ("\\s*\\s*" would try every
 * split of a long run of spaces: quadratic).
 */
const NUMBER_MARK = '\\s*(?:\\)\\s*)?(?:(?:#|no\\.?|number|nos\\.?)\\s*)?(?:[:=-]\\s*)?';

const LIST_SEPARATOR = '\\s*(?:(?:,|;|/|&|\\+|-|and\\b|or\\b)\\s*)?';
const ANY_CODE = `(?:${GROUPED}|${REMARK})`;

/**
 * One scan finds, at each place: a label and the code after it, or a grouped code alone; the codes listed
 * right after either ("CO-16, N290 and N479") are read after it. Case-blind, as people type labels; the case a
 * group code needs is checked after (JavaScript has no case-sensitive group inside a case-blind pattern).
 */
const QUOTE = new RegExp(
  `(?:(?<carcLabel>${CARC_LABEL})${NUMBER_MARK}(?<carc>${GROUPED}|${BARE})${EDGE_AFTER}` +
    `|(?<rarcLabel>${RARC_LABEL})${NUMBER_MARK}(?<rarc>${REMARK})${EDGE_AFTER}` +
    `|(?<label>${GENERIC_LABEL}|codes?)${NUMBER_MARK}(?:(?<labelled>${ANY_CODE})${EDGE_AFTER}|(?<number>\\d{1,3})${EDGE_AFTER})` +
    `|(?<grouped>${GROUPED})${EDGE_AFTER})`,
  'gi',
);
const NEXT_IN_LIST = new RegExp(`^${LIST_SEPARATOR}(${ANY_CODE})${EDGE_AFTER}`, 'i');
const REMARK_NEXT = new RegExp(`^\\s*(?:[,/;-]\\s*)?${REMARK}${EDGE_AFTER}`, 'i');
const NEXT_BARE_IN_LIST = new RegExp(`^${LIST_SEPARATOR}(${ANY_CODE}|${BARE})${EDGE_AFTER}`, 'i');
const CAPITAL_GROUP = /^(?:CO|PR|OA|PI|CR)/u;
const HYPHENED_GROUP = /^[a-z]{2}\s?-/i;
/** Whether a grouped code's case says it is one: "CO 50", "co-50", not "Co 50" nor "co 50". */
const groupCaseOk = (raw: string) => CAPITAL_GROUP.test(raw) || HYPHENED_GROUP.test(raw);
const STARTS_GROUPED = new RegExp(`^${GROUPED}$`, 'i');

/**
 * The CARCs and RARCs a text quotes, in order and each once: a grouped code anywhere (`CO-50`, `PR 204`), a code
 * after a label that names it (`CARC 50`, `remark code N115`, `denial code CO-197`), and the codes listed right
 * after either (`CO-16, N290 and N479`). A bare number after a label any payer uses for its own codes
 * (`reason code 197`) is reported in `unread`, not read, unless a RARC follows it (`reason code 62 M62`).
 *
 * @example
 * ```ts
 * codesQuotedIn('Denied, code CO-50 / N115.').codes.map((code) => code.parsed.display); // ['CO-50', 'N115']
 * codesQuotedIn('CO2 laser resurfacing').codes; // []
 * codesQuotedIn('reason code 197').unread;      // ['reason code 197']
 * ```
 */
export function codesQuotedIn(text: string): QuotedCodes {
  if (!HAS_DIGIT.test(text) || !MAY_QUOTE.test(text)) return NOTHING_QUOTED;
  const codes: QuotedCode[] = [];
  const unread: string[] = [];
  const seen = new Set<string>();
  // After a label ("denial code co 50") a code is read in any case; alone, its group's case must say it is one.
  const add = (raw: string, quoted: string, labelled: boolean): boolean => {
    if (!labelled && STARTS_GROUPED.test(raw) && !groupCaseOk(raw)) return false;
    const parsed = parseCode(raw);
    if (!parsed) return false;
    const key = `${parsed.system} ${parsed.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      codes.push({ parsed, quoted: quoted.replace(SPACES, ' ') });
    }
    return true;
  };
  QUOTE.lastIndex = 0;
  for (let match = QUOTE.exec(text); match; match = QUOTE.exec(text)) {
    // A word edge before the match, checked here rather than as a lookbehind in the pattern: a lookbehind is
    // tried at every position of the text (a 10,000-character letter took 30 µs with it, 22 without).
    if (match.index > 0 && WORD_BEFORE.test(text[match.index - 1] as string)) {
      QUOTE.lastIndex = match.index + 1;
      continue;
    }
    const groups = match.groups ?? {};
    let code = groups.carc ?? groups.rarc ?? groups.labelled ?? groups.grouped;
    if (groups.number !== undefined) {
      // A RARC right after the number says the line is a remittance's: "reason code 62 M62", "denial reason 15
      // N54/N351". Otherwise "reason code 197" may be a CARC or the payer's own code, and "code 3" or "denial
      // reason 1" (a letter's list) says nothing.
      const end = QUOTE.lastIndex;
      if (REMARK_NEXT.test(text.slice(end, end + LIST_WINDOW))) code = groups.number;
      else if (groups.label && GENERIC_CODE_LABEL.test(groups.label))
        unread.push(match[0].replace(SPACES, ' '));
    }
    if (code === undefined) continue;
    const labelled = groups.grouped === undefined;
    // A label in parentheses ("code (RARC) M127") is quoted with its opening one.
    const words = match[0].includes(')') && text[match.index - 1] === '(' ? `(${match[0]}` : match[0];
    if (!add(code, words, labelled)) continue;
    // The codes listed right after this one: "CO-16, N290 and N479", "CARC 16, 252".
    const next = groups.carc !== undefined ? NEXT_BARE_IN_LIST : NEXT_IN_LIST;
    let end = QUOTE.lastIndex;
    for (let rest = next.exec(text.slice(end, end + LIST_WINDOW)); rest; ) {
      add(rest[1] as string, rest[1] as string, labelled);
      end += rest[0].length;
      rest = next.exec(text.slice(end, end + LIST_WINDOW));
    }
    QUOTE.lastIndex = end;
  }
  return { codes, unread };
}

/** The answer for most texts, shared: frozen, so no caller can add to it. */
const NOTHING_QUOTED: QuotedCodes = Object.freeze({
  codes: Object.freeze([]) as unknown as QuotedCode[],
  unread: Object.freeze([]) as unknown as string[],
});
const HAS_DIGIT = /\d/;
/**
 * What any quote needs besides a digit: a group code before a digit, or a label's word. A small pattern tried first, so that the large one
 * is neither compiled nor run on a text that quotes nothing (V8 compiles a pattern on its first runs: the large one
 * cost a first call a millisecond).
 */
const MAY_QUOTE = /(?:co|pr|oa|pi|cr)[\s:-]{0,3}[a-z]?\d|carc|rarc|remark|code|reason/i;
const WORD_BEFORE = /[a-z0-9-]/i;
const SPACES = /\s+/g;
/** A label with "code" in it other than "code" alone: a bare number after one is reported unread. */
const GENERIC_CODE_LABEL = /\scodes?$/i;
/** Enough characters for a separator and one code: the next code in a list is looked for only there. */
const LIST_WINDOW = 24;
