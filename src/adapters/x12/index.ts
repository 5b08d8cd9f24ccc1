import { OverturnError } from '../../errors.js';
import { readEnvelopes } from './envelope.js';
import { X12Issues } from './issues.js';
import { readRemittance } from './remittance.js';
import { tokenize } from './tokenize.js';
import { X12_MAX_LENGTH, type X12DenialCase } from './types.js';

export { type X12StreamItem, X12StreamReader } from './stream.js';
export { X12_MAX_LENGTH, type X12Adjustment, type X12DenialCase } from './types.js';

/**
 * Reads an X12 835 remittance advice (ERA) and returns one {@link X12DenialCase} per denied claim and per
 * denied or partly denied service line, each with a `denial` ready for `classifyDenial` / `analyzeCase`.
 *
 * - Delimiters come from the ISA header (element separator, ISA11 repetition, ISA16 component, segment
 *   terminator); line breaks after the terminator are ignored. Several interchanges, GS groups and ST
 *   transaction sets may follow one another.
 * - Envelopes are checked: IEA/GE/SE counts and control numbers, GS01 `HP`, ST01 `835`.
 * - A claim is a case when CLP02 is `4` or a claim-level CAS refuses an amount; a service line is a case when
 *   its own CAS refuses an amount. "Refuses" means a positive adjustment whose reason is not cost sharing or
 *   pricing (CARC 1, 2, 3, 23, 25, 45, 66, 253): a line with only PR-2 coinsurance is not a denial. Reversals
 *   (CLP02 `22`) are skipped.
 * - `denial.codes` are `GROUP-CARC` for each CAS triple, then LQ*HE remark codes of the line, then MOA / MIA
 *   remark codes of the claim. The production date (DTM*405, else BPR16) is `caseHints.noticeDate`.
 *
 * Deterministic and linear in the length of the text; reads no clock and logs nothing.
 *
 * @param text - the 835 file's text (at most {@link X12_MAX_LENGTH} characters)
 * @returns the denials found, in file order (empty when everything was paid)
 * @throws {OverturnError} `INVALID_INPUT` when the text is not a well-formed 835: each issue's path is
 *   `['segment', position, element]`, position counting segments from 1 (the ISA), e.g.
 *   `{ path: ['segment', 24, 'SE01'], message: 'SE01 says 19 segments, the transaction has 20' }`
 *
 * @example
 * ```ts
 * import { classifyDenial, fromX12_835 } from 'overturn';
 *
 * const [found] = fromX12_835(text); // an 835 with SVC*HC:29881*2400*0~ CAS*CO*50*2400~ LQ*HE*N115~
 * found.denial.codes;                 // ['CO-50', 'N115']
 * found.claim.line;                   // { index: 1, procedure: '29881', procedureQualifier: 'HC' }
 * found.caseHints.noticeDate;         // '2026-01-09' (DTM*405)
 * classifyDenial(found.denial).category; // 'medical_necessity'
 * ```
 */
export function fromX12_835(text: string): X12DenialCase[] {
  if (typeof text !== 'string') {
    throw new OverturnError('INVALID_INPUT', [
      { path: [], message: 'expected the text of an X12 835 file (a string)' },
    ]);
  }
  if (text.length > X12_MAX_LENGTH) {
    throw new OverturnError('INVALID_INPUT', [
      {
        path: [],
        message: `the text is ${text.length.toLocaleString('en-US')} characters; at most ${X12_MAX_LENGTH.toLocaleString('en-US')} are read (split the file by interchange)`,
      },
    ]);
  }
  const issues = new X12Issues();
  const interchanges = tokenize(text, issues);
  const transactions = readEnvelopes(interchanges, issues);
  const cases = transactions.flatMap((transaction) => readRemittance(transaction, issues));
  issues.throwIfAny();
  return cases;
}
