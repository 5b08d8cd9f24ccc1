import { tokenize } from '../engine/phraseMatcher.js';

/**
 * Procedure billing codes as a claim carries them: a HCPCS Level I (CPT) code of five digits (`27447`), a Category
 * III or II one of four digits and a letter (`0275T`), a HCPCS Level II code of a letter and four digits (`E0601`,
 * `J9271`), which includes the dental (CDT) codes (`D7240`). Only the codes' numbers are read: no descriptor of
 * any code is shipped.
 */
export const PROCEDURE_CODE = /^(?:\d{5}|[A-Z]\d{4}|\d{4}[A-Z])$/;

/**
 * The family a code belongs to, within which codes compare as strings: five digits, a given leading letter, or a
 * given trailing letter. Codes of two families never share a range.
 */
export function codeFamily(code: string): string {
  const last = code.charCodeAt(4);
  if (last >= 0x41 && last <= 0x5a) return `#${code[4]}`;
  const first = code.charCodeAt(0);
  return first >= 0x41 && first <= 0x5a ? (code[0] as string) : '0';
}

/** A code range of a rule row, as the table lists it. */
export interface CodeRange {
  from: string;
  to?: string;
}

/** A code found in a text: as written in capitals, and its place among the text's words (as tokenize splits it). */
export interface CodeInText {
  code: string;
  word: number;
}

/**
 * Words that make a nearby five-character number an amount, an identifier or a diagnosis rather than a procedure
 * code: one of the two words before it ("claim 94110", "billed 25000", "member id A1234", "diagnosis code J9601",
 * "ICD-10 D5700", "auth 12345") or the word after it ("25000 dollars").
 */
const NOT_A_CODE_NEAR: ReadonlySet<string> = new Set([
  'account',
  'amount',
  'auth',
  'authorization',
  'bill',
  'billed',
  'charge',
  'charged',
  'charges',
  'claim',
  'diagnosis',
  'diagnoses',
  'dollars',
  'dx',
  'group',
  'icd',
  'icd10',
  'id',
  'invoice',
  'member',
  'mrn',
  'no',
  'npi',
  'number',
  'pa',
  'paid',
  'policy',
  'ref',
  'reference',
  'tin',
  'usd',
  'zip',
]);

const FIVE_DIGITS = /^\d{5}$/;
/**
 * A US state's or territory's postal abbreviation in capitals right before a number: the number is a ZIP code. The
 * abbreviations that are also clinical or common ones (CT, DC, GA, IN, MD, ME, MS, NM, OK, OR, SC, TX, VA) are in
 * {@link ZIP_STATE_AFTER_COMMA} instead.
 */
const ZIP_STATE =
  /(?:^|[\s,])(?:A[KLRZ]|C[AO]|DE|FL|GU|HI|I[ADL]|K[SY]|LA|M[AINOT]|N[CDEHJVY]|OH|P[AR]|RI|SD|TN|UT|VT|W[AIVY])\.?\s+$/;
/** The same, for the abbreviations that are also clinical or common ones: only after a comma ("Hartford, CT 06106"). */
const ZIP_STATE_AFTER_COMMA = /,\s*(?:CT|DC|GA|IN|MD|ME|MS|NM|OK|OR|SC|TX|VA)\.?\s+$/;

/** A code-shaped run of characters in the text. */
const CODE_IN_TEXT = /[A-Za-z0-9]{5}/g;

/**
 * The procedure codes a text names, in order (a treatment field such as "CPT 27447-RT", "27447, 27446" or "E0601
 * CPAP"), with their places among its words (`words`: the text as {@link tokenize} splits it). Not a code: a run glued to other letters or digits, a number written
 * as an amount ("$25000", "$ 25000", "250.00123", "12345.50") or one near a word that makes it an amount, an
 * identifier or a diagnosis ({@link NOT_A_CODE_NEAR}).
 */
export function procedureCodesIn(text: string, words: readonly string[] = tokenize(text)): CodeInText[] {
  const found: CodeInText[] = [];
  for (const match of text.matchAll(CODE_IN_TEXT)) {
    const start = match.index;
    const end = start + 5;
    const code = match[0].toUpperCase();
    if (!PROCEDURE_CODE.test(code)) continue;
    if (/[A-Za-z0-9]/.test(text.charAt(start - 1)) || /[A-Za-z0-9]/.test(text.charAt(end))) continue;
    // An amount: a currency sign before it (spaces allowed), or a decimal point joining it to digits.
    if (/\$\s*$/.test(text.slice(Math.max(0, start - 4), start))) continue;
    if (text.charAt(start - 1) === '.' && /[0-9]/.test(text.charAt(start - 2))) continue;
    if (text.charAt(end) === '.' && /[0-9]/.test(text.charAt(end + 1))) continue;
    // A ZIP code (five digits): after a state's abbreviation in capitals ("Buffalo NY 14203", "Duarte, CA 91010"),
    // or with its four more digits ("14203-1234"). A state's abbreviation that is also a clinical one (CT, OR, MD,
    // MS, TX, VA…) counts only after a comma: "CT 71250" is a scan, "OR 27447" an operating room.
    if (FIVE_DIGITS.test(code)) {
      const before = text.slice(Math.max(0, start - 7), start);
      if (ZIP_STATE.test(before) || ZIP_STATE_AFTER_COMMA.test(before)) continue;
      if (/^-\d{4}(?!\d)/.test(text.slice(end, end + 6))) continue;
    }
    // Its place among the words as tokenize splits the whole text: the words before it, counted once.
    const word = tokenize(text.slice(0, start)).length;
    if (words[word] !== match[0].toLowerCase()) continue; // joined to a neighbour by an apostrophe or a marker
    const near = [words[word - 1], words[word - 2], words[word + 1]];
    if (near.some((neighbour) => neighbour !== undefined && NOT_A_CODE_NEAR.has(neighbour))) continue;
    // "total 25000" is an amount; "total knee 27447" names the treatment.
    if (words[word - 1] === 'total') continue;
    found.push({ code, word });
  }
  return found;
}

/** Words a treatment field may hold beside its codes and still name nothing in words. */
const CODE_WORDS: ReadonlySet<string> = new Set(['cpt', 'hcpcs', 'cdt', 'code', 'codes', 'procedure', 'and']);

/**
 * Whether a text's words (as {@link tokenize} splits them) are only billing codes (and words such as "CPT" or "code"): no treatment's wording can occur in it,
 * so the phrase search, and the automaton a first search builds, can be skipped (a case from a remittance gives its
 * treatment this way). No treatment phrase is made only of such words (test/procedureCodes.test.ts).
 */
export function isCodesOnly(words: readonly string[]): boolean {
  if (!words.length) return false;
  return words.every((word) => CODE_WORDS.has(word) || PROCEDURE_CODE.test(word.toUpperCase()));
}

/**
 * Code ranges of rule rows, searched for the narrowest range holding a code: a subsection's row (bariatric
 * surgery) before its section's (digestive system surgery). A sorted list per family, scanned: the tables hold a
 * few dozen ranges and a text names a code or two, so an interval tree would cost more than it saves.
 */
export class ProcedureCodeIndex<Row> {
  private readonly byFamily = new Map<string, { from: string; to: string; row: Row }[]>();

  constructor(entries: readonly { range: CodeRange; row: Row }[]) {
    for (const { range, row } of entries) {
      const family = codeFamily(range.from);
      const list = this.byFamily.get(family) ?? [];
      list.push({ from: range.from, to: range.to ?? range.from, row });
      this.byFamily.set(family, list);
    }
  }

  /** The row of the narrowest range that holds `code` (the first listed of equally narrow ones), if any. */
  find(code: string): Row | undefined {
    let best: { from: string; to: string; row: Row } | undefined;
    for (const entry of this.byFamily.get(codeFamily(code)) ?? []) {
      if (code < entry.from || code > entry.to) continue;
      if (!best || width(entry) < width(best)) best = entry;
    }
    return best?.row;
  }
}

/** A range's width, comparable within a family: the difference of the codes' digits. */
function width(range: { from: string; to: string }): number {
  return digitsOf(range.to) - digitsOf(range.from);
}

function digitsOf(code: string): number {
  return Number.parseInt(code.replace(/[A-Z]/g, ''), 10);
}
