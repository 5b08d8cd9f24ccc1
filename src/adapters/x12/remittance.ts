/**
 * Reads the claims of one 835 transaction set and turns each denial into an {@link X12DenialCase}.
 *
 * Segment layouts (005010X221A1; checked against pyx12's 835.5010.X221.A1 map,
 * https://github.com/azoner/pyx12/blob/master/pyx12/map/835.5010.X221.A1.xml, and Stedi's X12 reference,
 * https://www.stedi.com/edi/x12-005010/segment/CLP and …/CAS, …/SVC, …/MOA, …/MIA, …/LQ, …/DTM, …/BPR):
 *
 * - BPR16: check issue or EFT effective date (CCYYMMDD).
 * - DTM*405 in the header: production date, "the end date for the adjudication production cycle".
 * - CLP01 patient control number; CLP02 claim status (1, 2, 3, 4, 19, 20, 21, 22, 23, 25); CLP03 total claim
 *   charge; CLP04 claim payment; CLP06 claim filing indicator; CLP07 payer claim control number.
 * - CAS01 group code (5010: CO, OA, PI, PR; CR was removed, X12 RFI 1147), then up to six reason / amount /
 *   quantity triples: CAS02-04, 05-07, 08-10, 11-13, 14-16, 17-19.
 * - MIA05 and MIA20-23, MOA03-07: claim payment remark codes (RARC) that apply to the whole claim (X12 RFI 2489).
 * - DTM*232 / *233 statement period start / end, DTM*050 received, at claim level (loop 2100).
 * - SVC01 composite (qualifier, procedure code, modifiers); SVC02 line charge; SVC03 line payment (loop 2110).
 * - DTM*472 service date (DTM*150 / *151 service period) and LQ*HE remark codes (RARC) at line level.
 *
 * CLP02 code 4 is used "if the Patient/Subscriber is not recognized, and the claim was not forwarded to another
 * payer"; a claim the payer processed but refused keeps code 1, 2 or 3 and says why in CAS and remark codes
 * (X12 RFI 1423). So a denial is found from the adjustments, not from CLP02 alone.
 * @module
 */
import { CARC_SHAPE, GROUP_CODES, RARC_SHAPE } from '../../classifyDenial/ruleData.js';
import { isIsoDate } from '../../dates/isoDate.js';
import type { DenialInput } from '../../types.js';
import type { Transaction } from './envelope.js';
import { show, type X12Issues } from './issues.js';
import type { Segment } from './tokenize.js';
import type { X12Adjustment, X12DenialCase } from './types.js';

/**
 * CARCs that explain a payment difference without refusing anything: cost sharing (1 deductible,
 * 2 coinsurance, 3 copay, 66 blood deductible, 25 stop-loss deductible, retired), pricing (45 charge above the
 * fee schedule or allowed amount), 23 (impact of a prior payer's adjudication) and 253 (Medicare sequestration,
 * CMS CR 8378). An adjustment with any other CARC and a positive amount is a denial of that amount.
 * Meanings: X12 CARC list (https://x12.org/codes/claim-adjustment-reason-codes); the bundled rule set marks
 * 1, 2, 3, 23, 25 and 45 `notADenial` too.
 */
const NOT_A_DENIAL: ReadonlySet<string> = new Set(['1', '2', '3', '23', '25', '45', '66', '253']);

/** 005010X221A1 CLP02 values. */
const CLAIM_STATUSES: ReadonlySet<string> = new Set(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']);

/** Most elements each segment we read may carry (005010 segment definitions). */
const MAX_ELEMENTS: Readonly<Record<string, number>> = {
  BPR: 21,
  CAS: 19,
  CLP: 14,
  DTM: 6,
  LQ: 2,
  MIA: 24,
  MOA: 9,
  SVC: 7,
};

/** `DenialInput.codes` holds at most 200 codes. */
const MAX_CODES = 200;

const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const CCYYMMDD = /^\d{8}$/;
const DIGITS = /^\d+$/;

interface Adjustment extends X12Adjustment {
  /** `CO-50`. */
  display: string;
}

interface LineDraft {
  segment: Segment;
  index: number;
  procedure?: string;
  qualifier?: string;
  billed: number;
  paid: number;
  adjustments: Adjustment[];
  remarks: string[];
  warnings: string[];
  service?: string;
  serviceStart?: string;
}

interface ClaimDraft {
  segment: Segment;
  id: string;
  status: string;
  billed: number;
  paid: number;
  payerClaimId?: string;
  filingIndicator?: string;
  adjustments: Adjustment[];
  /** Claim-level RARCs (MOA, MIA): they apply to every line too. */
  remarks: string[];
  /** Warnings about the claim-level adjustments and status. */
  warnings: string[];
  /** Warnings about the claim-level remark codes (carried to the line cases too). */
  remarkWarnings: string[];
  statement?: string;
  statementEnd?: string;
  received?: string;
  lines: LineDraft[];
}

function element(segment: Segment, index: number): string {
  return segment.elements[index] ?? '';
}

function elementName(segment: Segment, index: number): string {
  return `${segment.id}${String(index).padStart(2, '0')}`;
}

/** Reads a decimal amount (X12 type R: optional minus, digits, optional decimal point; at most 18 digits). */
function readAmount(
  segment: Segment,
  index: number,
  required: boolean,
  issues: X12Issues,
): number | undefined {
  const raw = element(segment, index);
  const name = elementName(segment, index);
  if (raw === '') {
    if (required) issues.at(segment.position, name, `${name} is empty: expected an amount`);
    return undefined;
  }
  const digits = raw.length - (raw.startsWith('-') ? 1 : 0) - (raw.includes('.') ? 1 : 0);
  if (raw.length > 20 || !DECIMAL.test(raw) || digits > 18) {
    issues.at(segment.position, name, `${name} ${show(raw)} is not a decimal amount`);
    return undefined;
  }
  const value = Number(raw);
  return value === 0 ? 0 : value;
}

/** Reads a CCYYMMDD date as `YYYY-MM-DD`, checking it exists on the calendar. */
function readDate(segment: Segment, index: number, issues: X12Issues): string | undefined {
  const raw = element(segment, index);
  const name = elementName(segment, index);
  if (raw === '') {
    issues.at(segment.position, name, `${name} is empty: expected a date as CCYYMMDD`);
    return undefined;
  }
  if (raw.length !== 8 || !CCYYMMDD.test(raw)) {
    issues.at(segment.position, name, `${name} ${show(raw)} is not a date as CCYYMMDD`);
    return undefined;
  }
  const iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  if (!isIsoDate(iso)) {
    issues.at(segment.position, name, `${name} ${show(raw)} is not a real calendar date (CCYYMMDD)`);
    return undefined;
  }
  return iso;
}

/** Reads the group code and the up to six reason / amount / quantity triples of a CAS segment. */
function readCas(segment: Segment, warnings: string[], issues: X12Issues): Adjustment[] {
  const group = element(segment, 1);
  let groupOk = true;
  if (group === '') {
    issues.at(segment.position, 'CAS01', 'CAS01 (the claim adjustment group code) is empty');
    groupOk = false;
  } else if (!(GROUP_CODES as readonly string[]).includes(group)) {
    issues.at(
      segment.position,
      'CAS01',
      `CAS01 ${show(group)} is not a claim adjustment group code (CO, OA, PI or PR)`,
    );
    groupOk = false;
  } else if (group === 'CR') {
    warnings.push(
      'CAS01 "CR" (corrections and reversals) is a 4010 group code that 005010X221A1 removed; read as sent.',
    );
  }
  const adjustments: Adjustment[] = [];
  for (let triple = 0; triple < 6; triple++) {
    const reasonAt = 2 + triple * 3;
    const reason = element(segment, reasonAt);
    const amountRaw = element(segment, reasonAt + 1);
    const quantityRaw = element(segment, reasonAt + 2);
    if (reason === '') {
      if (triple === 0) {
        issues.at(segment.position, 'CAS02', 'CAS02 (the adjustment reason code) is empty');
      } else if (amountRaw !== '' || quantityRaw !== '') {
        const name = elementName(segment, amountRaw !== '' ? reasonAt + 1 : reasonAt + 2);
        issues.at(
          segment.position,
          name,
          `${name} is set but ${elementName(segment, reasonAt)} (its reason code) is empty`,
        );
      }
      continue;
    }
    const carc = reason.length <= 5 && DIGITS.test(reason) ? String(Number.parseInt(reason, 10)) : reason;
    const carcOk = reason.length <= 5 && CARC_SHAPE.test(carc);
    if (!carcOk) {
      const name = elementName(segment, reasonAt);
      issues.at(segment.position, name, `${name} ${show(reason)} is not a claim adjustment reason code`);
    }
    const amount = readAmount(segment, reasonAt + 1, true, issues);
    readAmount(segment, reasonAt + 2, false, issues);
    if (groupOk && carcOk && amount !== undefined) {
      adjustments.push({ group, carc, amount, display: `${group}-${carc}` });
    }
  }
  return adjustments;
}

/** Adds the remark code at `index` to `remarks` when it is shaped like a RARC; otherwise warns. */
function readRemark(segment: Segment, index: number, remarks: string[], warnings: string[]): void {
  const code = element(segment, index);
  if (code === '') return;
  if (code.length <= 6 && RARC_SHAPE.test(code)) {
    remarks.push(code);
  } else {
    warnings.push(
      `${elementName(segment, index)} ${show(code)} is not a remittance advice remark code (RARC); left out.`,
    );
  }
}

/** True for an adjustment that refuses (part of) the amount rather than sharing or pricing it. */
function isDenial(adjustment: X12Adjustment): boolean {
  return adjustment.amount > 0 && !NOT_A_DENIAL.has(adjustment.carc);
}

/** Reads one transaction set's claims; every problem goes to `issues`. */
export function readRemittance(transaction: Transaction, issues: X12Issues): X12DenialCase[] {
  let bprDate: string | undefined;
  let productionDate: string | undefined;
  const claims: ClaimDraft[] = [];
  let claim: ClaimDraft | undefined;
  let line: LineDraft | undefined;

  for (const segment of transaction.body) {
    const max = MAX_ELEMENTS[segment.id];
    if (max !== undefined && segment.elements.length - 1 > max) {
      issues.at(
        segment.position,
        segment.id,
        `${segment.id} has ${segment.elements.length - 1} elements; it has at most ${max}`,
      );
      continue;
    }
    switch (segment.id) {
      case 'BPR':
        if (element(segment, 16) !== '') bprDate = readDate(segment, 16, issues);
        break;
      case 'LX':
      case 'PLB':
        // A new header-number loop (LX) or the provider-adjustment footer (PLB) ends the claim before it.
        claim = undefined;
        line = undefined;
        break;
      case 'CLP':
        line = undefined;
        claim = readClaim(segment, issues);
        claims.push(claim);
        break;
      case 'CAS':
        if (!claim) {
          issues.at(segment.position, 'CAS', 'CAS outside a claim (claim adjustments follow a CLP segment)');
          break;
        }
        if (line) line.adjustments.push(...readCas(segment, line.warnings, issues));
        else claim.adjustments.push(...readCas(segment, claim.warnings, issues));
        break;
      case 'MOA':
      case 'MIA':
        if (!claim || line) {
          issues.at(
            segment.position,
            segment.id,
            `${segment.id} belongs to a claim (loop 2100): it follows the CLP segment, before any SVC`,
          );
          break;
        }
        for (const index of segment.id === 'MOA' ? [3, 4, 5, 6, 7] : [5, 20, 21, 22, 23]) {
          readRemark(segment, index, claim.remarks, claim.remarkWarnings);
        }
        break;
      case 'SVC':
        if (!claim) {
          issues.at(segment.position, 'SVC', 'SVC outside a claim (service lines follow a CLP segment)');
          break;
        }
        line = readLine(segment, claim.lines.length + 1, transaction.separators.component, issues);
        claim.lines.push(line);
        break;
      case 'LQ':
        if (!line) {
          issues.at(segment.position, 'LQ', 'LQ outside a service line (remark codes follow an SVC segment)');
          break;
        }
        readLq(segment, line, issues);
        break;
      case 'DTM':
        readDtm(segment, claim, line, issues, (date) => {
          productionDate ??= date;
        });
        break;
      default:
        // Segments that carry nothing overturn uses (TRN, N1, NM1, REF, AMT, …) are passed over.
        break;
    }
  }

  const noticeDate = productionDate ?? bprDate;
  const cases: X12DenialCase[] = [];
  for (const draft of claims) {
    // A reversal (CLP02 22) takes back an earlier payment; it is not a new denial.
    if (draft.status === '22') continue;
    if (draft.status === '4' || draft.adjustments.some(isDenial)) {
      cases.push(claimCase(draft, transaction.control, noticeDate));
    }
    for (const serviceLine of draft.lines) {
      if (serviceLine.adjustments.some(isDenial)) {
        cases.push(lineCase(draft, serviceLine, transaction.control, noticeDate));
      }
    }
  }
  return cases;
}

function readClaim(segment: Segment, issues: X12Issues): ClaimDraft {
  const id = element(segment, 1);
  const status = element(segment, 2);
  if (id === '') issues.at(segment.position, 'CLP01', 'CLP01 (the patient control number) is empty');
  if (status === '') issues.at(segment.position, 'CLP02', 'CLP02 (the claim status code) is empty');
  const billed = readAmount(segment, 3, true, issues) ?? 0;
  const paid = readAmount(segment, 4, true, issues) ?? 0;
  readAmount(segment, 5, false, issues);
  const draft: ClaimDraft = {
    segment,
    id,
    status,
    billed,
    paid,
    adjustments: [],
    remarks: [],
    warnings: [],
    remarkWarnings: [],
    lines: [],
  };
  if (status !== '' && !CLAIM_STATUSES.has(status)) {
    draft.warnings.push(`CLP02 ${show(status)} is not a 005010X221A1 claim status code; read as sent.`);
  }
  const filingIndicator = element(segment, 6);
  if (filingIndicator !== '') draft.filingIndicator = filingIndicator;
  const payerClaimId = element(segment, 7);
  if (payerClaimId !== '') draft.payerClaimId = payerClaimId;
  return draft;
}

function readLine(segment: Segment, index: number, component: string, issues: X12Issues): LineDraft {
  const composite = element(segment, 1);
  const parts = composite.split(component);
  const draft: LineDraft = {
    segment,
    index,
    billed: readAmount(segment, 2, true, issues) ?? 0,
    paid: readAmount(segment, 3, true, issues) ?? 0,
    adjustments: [],
    remarks: [],
    warnings: [],
  };
  const qualifier = parts[0] ?? '';
  const code = parts[1] ?? '';
  if (composite === '') {
    issues.at(segment.position, 'SVC01', 'SVC01 (the adjudicated procedure) is empty');
  } else if (qualifier === '' || code === '') {
    issues.at(
      segment.position,
      'SVC01',
      `SVC01 ${show(composite)} is not a composite of a qualifier and a code (e.g. HC${component}99213)`,
    );
  } else {
    draft.qualifier = qualifier;
    draft.procedure = code;
  }
  readAmount(segment, 5, false, issues);
  return draft;
}

function readLq(segment: Segment, line: LineDraft, issues: X12Issues): void {
  const qualifier = element(segment, 1);
  const code = element(segment, 2);
  if (code === '') {
    issues.at(segment.position, 'LQ02', 'LQ02 (the remark code) is empty');
    return;
  }
  if (qualifier === 'HE') {
    readRemark(segment, 2, line.remarks, line.warnings);
  } else if (qualifier === 'RX') {
    line.warnings.push(`LQ*RX ${show(code)} is an NCPDP reject code, not a RARC; left out.`);
  } else {
    issues.at(
      segment.position,
      'LQ01',
      `LQ01 ${show(qualifier)} is not an 835 code list qualifier (HE or RX)`,
    );
  }
}

function readDtm(
  segment: Segment,
  claim: ClaimDraft | undefined,
  line: LineDraft | undefined,
  issues: X12Issues,
  production: (date: string | undefined) => void,
): void {
  const qualifier = element(segment, 1);
  if (!claim) {
    if (qualifier === '405') production(readDate(segment, 2, issues));
    return;
  }
  if (!line) {
    if (qualifier === '232') claim.statement ??= readDate(segment, 2, issues);
    else if (qualifier === '233') claim.statementEnd ??= readDate(segment, 2, issues);
    else if (qualifier === '050') claim.received ??= readDate(segment, 2, issues);
    return;
  }
  if (qualifier === '472') line.service ??= readDate(segment, 2, issues);
  else if (qualifier === '150') line.serviceStart ??= readDate(segment, 2, issues);
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

function denialInput(codes: string[], warnings: string[], noticeDate: string | undefined): DenialInput {
  let kept = codes;
  if (kept.length > MAX_CODES) {
    warnings.push(`${kept.length} codes found; the first ${MAX_CODES} are passed on.`);
    kept = kept.slice(0, MAX_CODES);
  }
  const denial: DenialInput = { codes: kept, stage: 'claim' };
  if (noticeDate !== undefined) denial.asOf = noticeDate;
  return denial;
}

function claimCase(draft: ClaimDraft, control: string, noticeDate: string | undefined): X12DenialCase {
  const warnings = [...draft.warnings, ...draft.remarkWarnings];
  const codes = unique([...draft.adjustments.map((adjustment) => adjustment.display), ...draft.remarks]);
  let denial: DenialInput;
  if (codes.length > 0) {
    denial = denialInput(codes, warnings, noticeDate);
  } else {
    // Only CLP02 = 4 gets here: no CAS or remark code says why, and the TR3 reserves 4 for one reason.
    denial = {
      text: 'Claim denied (835 claim status 4): the patient cannot be identified as a member of this payer.',
      stage: 'claim',
    };
    if (noticeDate !== undefined) denial.asOf = noticeDate;
    warnings.push(
      'CLP02 is 4 (denied) with no adjustment or remark code; the reason is taken from the 005010X221A1 note on code 4 (patient or subscriber not recognized).',
    );
  }
  const only = draft.lines.length === 1 ? draft.lines[0] : undefined;
  return {
    claim: claimPart(draft),
    denial,
    amounts: { billed: draft.billed, paid: draft.paid, adjusted: draft.adjustments.map(plain) },
    dates: datesOf(draft, undefined, noticeDate),
    caseHints: hints(noticeDate, only),
    source: { segment: draft.segment.position, transaction: control },
    warnings,
  };
}

function lineCase(
  draft: ClaimDraft,
  line: LineDraft,
  control: string,
  noticeDate: string | undefined,
): X12DenialCase {
  const warnings = [...draft.remarkWarnings, ...line.warnings];
  const codes = unique([
    ...line.adjustments.map((adjustment) => adjustment.display),
    ...line.remarks,
    ...draft.remarks,
  ]);
  const claim = claimPart(draft);
  claim.line = { index: line.index };
  if (line.procedure !== undefined) claim.line.procedure = line.procedure;
  if (line.qualifier !== undefined) claim.line.procedureQualifier = line.qualifier;
  return {
    claim,
    denial: denialInput(codes, warnings, noticeDate),
    amounts: { billed: line.billed, paid: line.paid, adjusted: line.adjustments.map(plain) },
    dates: datesOf(draft, line, noticeDate),
    caseHints: hints(noticeDate, line),
    source: { segment: line.segment.position, transaction: control },
    warnings,
  };
}

function plain(adjustment: Adjustment): X12Adjustment {
  return { group: adjustment.group, carc: adjustment.carc, amount: adjustment.amount };
}

function claimPart(draft: ClaimDraft): X12DenialCase['claim'] {
  const claim: X12DenialCase['claim'] = { id: draft.id, status: draft.status };
  if (draft.payerClaimId !== undefined) claim.payerClaimId = draft.payerClaimId;
  if (draft.filingIndicator !== undefined) claim.filingIndicator = draft.filingIndicator;
  return claim;
}

function datesOf(
  draft: ClaimDraft,
  line: LineDraft | undefined,
  production: string | undefined,
): X12DenialCase['dates'] {
  const dates: X12DenialCase['dates'] = {};
  if (production !== undefined) dates.production = production;
  const service = line?.service ?? line?.serviceStart;
  if (service !== undefined) dates.service = service;
  const statement = draft.statement ?? draft.statementEnd;
  if (statement !== undefined) dates.statement = statement;
  if (draft.statementEnd !== undefined) dates.statementEnd = draft.statementEnd;
  if (draft.received !== undefined) dates.received = draft.received;
  return dates;
}

function hints(noticeDate: string | undefined, line: LineDraft | undefined): X12DenialCase['caseHints'] {
  const caseHints: X12DenialCase['caseHints'] = {};
  if (noticeDate !== undefined) caseHints.noticeDate = noticeDate;
  if (line?.qualifier === 'HC' && line.procedure !== undefined) caseHints.procedure = line.procedure;
  return caseHints;
}
