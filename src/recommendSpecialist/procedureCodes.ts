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

/** The procedure codes a text names, in order (a treatment field such as "CPT 27447-RT" or "E0601 CPAP"). */
export function procedureCodesIn(text: string): CodeInText[] {
  const found: CodeInText[] = [];
  tokenize(text).forEach((word, index) => {
    if (word.length !== 5) return;
    const code = word.toUpperCase();
    if (PROCEDURE_CODE.test(code)) found.push({ code, word: index });
  });
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
