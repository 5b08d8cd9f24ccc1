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
 * Words after which a five-character number is an amount or an identifier, not a procedure code ("claim 94110",
 * "billed 25000", "member id A1234", "diagnosis J9601").
 */
const NOT_A_CODE_AFTER: ReadonlySet<string> = new Set([
  'account',
  'amount',
  'bill',
  'billed',
  'charge',
  'charged',
  'charges',
  'claim',
  'diagnosis',
  'dx',
  'group',
  'icd',
  'id',
  'invoice',
  'member',
  'no',
  'npi',
  'number',
  'paid',
  'policy',
  'ref',
  'reference',
  'tin',
  'total',
  'zip',
]);

/** A code-shaped run of characters in the text, not glued to other word characters, a sign or a separator. */
const CODE_IN_TEXT = /[A-Za-z0-9]{5}/g;

/**
 * The procedure codes a text names, in order (a treatment field such as "CPT 27447-RT" or "E0601 CPAP"), with
 * their places among its words. A number that is an amount ("$25000", "25,000", "250.00") or follows a word
 * that makes it one or an identifier ({@link NOT_A_CODE_AFTER}) is not a code.
 */
export function procedureCodesIn(text: string): CodeInText[] {
  const found: CodeInText[] = [];
  let words: string[] | undefined;
  for (const match of text.matchAll(CODE_IN_TEXT)) {
    const start = match.index;
    const end = start + 5;
    const code = match[0].toUpperCase();
    if (!PROCEDURE_CODE.test(code)) continue;
    const before = text.charAt(start - 1);
    const after = text.charAt(end);
    // Inside a longer word or number, or part of an amount.
    if (/[A-Za-z0-9$]/.test(before) || /[A-Za-z0-9]/.test(after)) continue;
    if ((before === ',' || before === '.') && /[0-9]/.test(text.charAt(start - 2))) continue;
    if ((after === ',' || after === '.') && /[0-9]/.test(text.charAt(end + 1))) continue;
    // Its place among the words as tokenize splits the whole text: the words before it, counted once.
    const word = tokenize(text.slice(0, start)).length;
    words ??= tokenize(text);
    if (words[word] !== match[0].toLowerCase()) continue; // joined to a neighbour by an apostrophe or a marker
    if (word > 0 && NOT_A_CODE_AFTER.has(words[word - 1] as string)) continue;
    found.push({ code, word });
  }
  return found;
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
