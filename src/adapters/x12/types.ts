import type { DenialInput } from '../../types.js';

/**
 * The longest 835 text {@link fromX12_835} reads (20 MiB of characters); longer text is refused with
 * `INVALID_INPUT` rather than scanned. Split very large remittance files by interchange first.
 *
 * @example
 * ```ts
 * import { X12_MAX_LENGTH } from 'overturn';
 *
 * if (text.length > X12_MAX_LENGTH) throw new Error('split the file by ISA/IEA interchange first');
 * ```
 */
export const X12_MAX_LENGTH = 20 * 1024 * 1024;

/**
 * One adjustment read from a CAS segment: its group code (CAS01), reason code (CARC) and amount.
 *
 * @example
 * ```ts
 * const adjustment: X12Adjustment = { group: 'CO', carc: '50', amount: 2400 };
 * ```
 */
export interface X12Adjustment {
  /** Claim adjustment group code: `CO`, `OA`, `PI`, `PR` (and `CR` from 4010 files). */
  group: string;
  /** Claim adjustment reason code without leading zeros: `50`, `97`, `B7`. */
  carc: string;
  /** The adjusted amount (CAS03/06/09/12/15/18); negative in reversals. */
  amount: number;
}

/**
 * One denied claim, or one denied or partly denied service line, read from an 835 remittance by
 * {@link fromX12_835}: the codes ready for `classifyDenial`, the amounts and the dates behind them.
 *
 * @example
 * ```ts
 * import { analyzeCase, fromX12_835 } from 'overturn';
 *
 * for (const found of fromX12_835(text)) {
 *   const analysis = analyzeCase({
 *     denial: found.denial,
 *     planType: 'employer_erisa',
 *     noticeDate: found.caseHints.noticeDate,
 *     procedure: found.caseHints.procedure,
 *   });
 * }
 * ```
 */
export interface X12DenialCase {
  claim: {
    /** CLP01: the provider's patient control number (their claim id). */
    id: string;
    /** CLP07: the payer's claim control number. */
    payerClaimId?: string;
    /** CLP02: claim status code (`1` processed as primary, `2` secondary, `4` denied, …). */
    status: string;
    /** CLP06: claim filing indicator code (`12` PPO, `MB` Medicare Part B, `MC` Medicaid, …), as sent. */
    filingIndicator?: string;
    /** Present when the case is one service line (SVC loop) rather than the whole claim. */
    line?: {
      /** 1 for the claim's first SVC segment, 2 for the second, … */
      index: number;
      /** SVC01-2: the adjudicated procedure, revenue or drug code. */
      procedure?: string;
      /** SVC01-1: what kind of code `procedure` is (`HC` HCPCS/CPT, `NU` revenue code, `N4` NDC, …). */
      procedureQualifier?: string;
    };
  };
  /** What to pass to `classifyDenial` (stage `claim`; `asOf` is the notice date when known). */
  denial: DenialInput;
  amounts: {
    /** CLP03 (claim) or SVC02 (line): the amount charged. */
    billed: number;
    /** CLP04 (claim) or SVC03 (line): the amount paid. */
    paid: number;
    /** Every CAS adjustment of the claim (claim-level CAS) or of the line (line-level CAS), in file order. */
    adjusted: X12Adjustment[];
  };
  /** Calendar dates, `YYYY-MM-DD`. */
  dates: {
    /** DTM*405 production date, or else BPR16 (check issue or EFT effective date). */
    production?: string;
    /** DTM*472 service date (or DTM*150 service period start) of the line. */
    service?: string;
    /** DTM*232 claim statement period start (or DTM*233 when only the end is sent). */
    statement?: string;
    /** DTM*233 claim statement period end. */
    statementEnd?: string;
    /** DTM*050 date the payer received the claim. */
    received?: string;
  };
  /** Values to copy into a `CaseInput`. */
  caseHints: {
    /** The remittance's production date: the date of the denial notice. */
    noticeDate?: string;
    /** The HCPCS/CPT code (SVC01-1 `HC`) of the line, or of a claim's only line. */
    procedure?: string;
  };
  /** Where the case starts in the file: the CLP or SVC segment's position (ISA = 1) and ST02. */
  source: { segment: number; transaction: string };
  /** Plain-language cautions about what was read (skipped codes, 4010 group codes, …). */
  warnings: string[];
}
