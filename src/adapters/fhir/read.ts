/**
 * The shared reading of an ExplanationOfBenefit or ClaimResponse: both are first brought to one
 * {@link ClaimModel} (the parts read, with their paths), then turned into cases here.
 * @module
 */
import type { CaseInput } from '../../buildChecklist/types.js';
import { parseCode } from '../../classifyDenial/codes.js';
import { GROUP_CODES, type GroupCode } from '../../classifyDenial/ruleData.js';
import { MAX_TEXT_LENGTH } from '../../classifyDenial/schema.js';
import { OverturnError, type OverturnIssue } from '../../errors.js';
import { parseIcd10 } from '../../recommendSpecialist/icd10.js';
import { MAX_PROCEDURE_LENGTH } from '../../requiresSecondSurgicalOpinion/schema.js';
import type { DenialInput, DenialStage, PlanType } from '../../types.js';
import { type PlanTypeHint, planTypeFromName, planTypeFromSopt, quote } from './planType.js';
import {
  containedCoverageSchema,
  type ParsedAdjudication,
  type ParsedCodeableConcept,
  type ParsedDiagnosis,
  type ParsedExtension,
  type ParsedInsurance,
  type ParsedOptions,
  type ParsedProcessNote,
  type ParsedReference,
} from './schema.js';
import {
  C4BB_ADJUDICATION,
  C4BB_ADJUDICATION_DISCRIMINATOR,
  C4BB_PAYER_ADJUDICATION_STATUS,
  CPT,
  DATA_ABSENT_REASON,
  HCPCS,
  HL7_ADJUDICATION,
  ICD_10_CM,
  NCPDP_REJECT_CODE,
  X12_CARC,
  X12_RARC,
} from './systems.js';
import type { FhirDenialCase } from './types.js';

export type Path = (string | number)[];

/** One item of the claim, from either resource. */
export interface ItemModel {
  sequence: number;
  /** Where the sequence is (`['item', 0, 'sequence']`, `['item', 0, 'itemSequence']`). */
  sequencePath: Path;
  noteNumbers: { number: number; path: Path }[];
  adjudications: { value: ParsedAdjudication[]; path: Path };
  /** Reasons found outside the adjudications (ClaimResponse `error`). */
  errors: { code: ParsedCodeableConcept; path: Path }[];
  /** The diagnoses the item points to, when it points (else all the claim's). */
  diagnosisSequence?: { value: number[]; path: Path };
  productOrService?: { value: ParsedCodeableConcept; path: Path };
  /** The diagnoses of the claim the item belongs to (a ClaimResponse's contained Claim has its own). */
  diagnoses: DiagnosisModel;
  /** What could not be read about the item (not an error in the resource). */
  warnings: string[];
}

/** The claim's diagnoses by sequence, in resource order. */
export interface DiagnosisModel {
  bySequence: Map<number, string[]>;
  all: string[];
}

/** Either resource, reduced to what the adapter reads. */
export interface ClaimModel {
  resourceType: 'ExplanationOfBenefit' | 'ClaimResponse';
  id?: string;
  use?: 'claim' | 'preauthorization' | 'predetermination';
  outcome?: 'queued' | 'complete' | 'error' | 'partial';
  created: string;
  disposition?: string;
  notes: { value: ParsedProcessNote[]; path: Path };
  header: { value: ParsedAdjudication[]; path: Path };
  headerErrors: { code: ParsedCodeableConcept; path: Path }[];
  payment?: { type?: ParsedCodeableConcept; path: Path };
  items: ItemModel[];
  diagnoses: DiagnosisModel;
  insurer?: ParsedReference;
  insurance: ParsedInsurance[];
  contained: unknown[];
}

/**
 * CARCs that are the patient's cost share or a contractual reduction, never a denial by themselves:
 * 1 deductible, 2 coinsurance, 3 co-payment, 45 charge above the fee schedule. The bundled rule set
 * marks the same codes `notADenial`.
 */
const COST_SHARE_CARCS = new Set(['1', '2', '3', '45']);

/** Where the case limits are (see `DenialInput`, `SpecialistInput`). */
const MAX_CODES = 200;
const MAX_ICD10 = 50;

interface Reason {
  /** `CO-50`, `N115`: the code as classifyDenial reads it (CARC/RARC only). */
  code?: string;
  /** True for CARC/RARC reasons that can explain a denial (not a cost share), or any reason from a denial slice. */
  denial: boolean;
}

/** What a list of adjudications says. */
interface Facts {
  denied: boolean;
  partial: boolean;
  denialSlice: boolean;
  benefit?: number;
  paid?: number;
  noncovered?: number;
  reasons: Reason[];
  texts: string[];
  warnings: string[];
}

const emptyFacts = (): Facts => ({
  denied: false,
  partial: false,
  denialSlice: false,
  reasons: [],
  texts: [],
  warnings: [],
});

/** Reads the issues out of a zod result and prefixes their paths. */
export function prefixIssues(
  issues: readonly { path: PropertyKey[]; message: string }[],
  prefix: Path,
): OverturnIssue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    message: issue.message,
  }));
}

function add(sum: number | undefined, value: number | undefined): number | undefined {
  return value === undefined ? sum : (sum ?? 0) + value;
}

/** The group code an extension carries, when its URL speaks of a group and its value is one. */
function groupFromExtensions(extensions: ParsedExtension[] | undefined, facts: Facts): GroupCode | undefined {
  for (const extension of extensions ?? []) {
    if (!/group/i.test(extension.url)) continue;
    const values = [
      extension.valueCode,
      extension.valueString,
      extension.valueCoding?.code,
      ...(extension.valueCodeableConcept?.coding ?? []).map((coding) => coding.code),
    ].filter((value): value is string => value !== undefined);
    for (const value of values) {
      const group = asGroup(value);
      if (group) return group;
      facts.warnings.push(
        `an extension ${quote(extension.url)} holds ${quote(value)}, which is not a claim adjustment group code (CO, CR, OA, PI, PR); ignored`,
      );
    }
  }
  return undefined;
}

function asGroup(value: string): GroupCode | undefined {
  const upper = value.trim().toUpperCase();
  return (GROUP_CODES as readonly string[]).includes(upper) ? (upper as GroupCode) : undefined;
}

/** True for a coding in the system, by code. */
function has(concept: ParsedCodeableConcept | undefined, system: string, code: string): boolean {
  return (concept?.coding ?? []).some((coding) => coding.system === system && coding.code === code);
}

/**
 * Reads a list of adjudications (an item's, or the header's): the denial markers, the amounts and the
 * reasons. Malformed CARC/RARC codes become issues at their path.
 */
function readAdjudications(
  adjudications: ParsedAdjudication[],
  base: Path,
  issues: OverturnIssue[],
  facts: Facts = emptyFacts(),
): Facts {
  adjudications.forEach((adjudication, index) => {
    const path = [...base, index];
    const category = adjudication.category;
    const amount = adjudication.amount?.value;
    const slice =
      has(category, C4BB_ADJUDICATION_DISCRIMINATOR, 'denialreason') ||
      has(category, C4BB_ADJUDICATION_DISCRIMINATOR, 'rejectreason');
    if (slice) facts.denialSlice = true;
    if (has(category, C4BB_PAYER_ADJUDICATION_STATUS, 'denied')) facts.denied = true;
    if (has(category, C4BB_PAYER_ADJUDICATION_STATUS, 'partiallypaid')) facts.partial = true;
    if (has(category, HL7_ADJUDICATION, 'benefit')) facts.benefit = add(facts.benefit, amount);
    if (
      has(category, C4BB_ADJUDICATION, 'paidtoprovider') ||
      has(category, C4BB_ADJUDICATION, 'paidtopatient')
    )
      facts.paid = add(facts.paid, amount);
    if (has(category, C4BB_ADJUDICATION, 'noncovered')) facts.noncovered = add(facts.noncovered, amount);
    if (adjudication.reason) {
      const group =
        groupFromExtensions(adjudication.extension, facts) ??
        groupFromExtensions(adjudication.reason.extension, facts) ??
        groupFromCodings(adjudication.reason, facts);
      readReason(adjudication.reason, [...path, 'reason'], { group, slice }, issues, facts);
    }
  });
  return facts;
}

/** A group code given as a coding of its own beside the CARC (any system but CARC/RARC). */
function groupFromCodings(concept: ParsedCodeableConcept, facts: Facts): GroupCode | undefined {
  for (const coding of concept.coding ?? []) {
    if (coding.system === X12_CARC || coding.system === X12_RARC || coding.code === undefined) continue;
    const group = asGroup(coding.code);
    if (group && coding.code.trim().length === 2) return group;
    const fromExtension = groupFromExtensions(coding.extension, facts);
    if (fromExtension) return fromExtension;
  }
  return undefined;
}

/** Reads one reason CodeableConcept (an adjudication's reason or a ClaimResponse error's code). */
function readReason(
  concept: ParsedCodeableConcept,
  path: Path,
  context: { group?: GroupCode; slice: boolean },
  issues: OverturnIssue[],
  facts: Facts,
): void {
  if (concept.text?.trim()) facts.texts.push(concept.text.trim());
  (concept.coding ?? []).forEach((coding, index) => {
    const codePath = [...path, 'coding', index, 'code'];
    const code = coding.code?.trim();
    const system = coding.system;
    if (system === C4BB_PAYER_ADJUDICATION_STATUS) {
      if (coding.code === 'denied') facts.denied = true;
      if (coding.code === 'partiallypaid') facts.partial = true;
      return;
    }
    if (system === X12_CARC || system === X12_RARC) {
      const expected = system === X12_CARC ? 'CARC' : 'RARC';
      const parsed = code && code.length <= 40 ? parseCode(code) : undefined;
      if (!code || parsed?.system !== expected) {
        issues.push({
          path: codePath,
          message:
            expected === 'CARC'
              ? `${code ? quote(code) : 'an empty code'} is not a claim adjustment reason code (expected forms like 50, CO-50, B7)`
              : `${code ? quote(code) : 'an empty code'} is not a remittance advice remark code (expected forms like N115, M127, MA130)`,
        });
        return;
      }
      let display = parsed.display;
      const ownGroup = (coding.extension && groupFromExtensions(coding.extension, facts)) || context.group;
      if (parsed.system === 'CARC' && ownGroup) {
        if (parsed.group && parsed.group !== ownGroup) {
          facts.warnings.push(
            `CARC ${parsed.display} carries its own group code; the group ${ownGroup} given beside it was ignored`,
          );
        } else if (!parsed.group) {
          display = `${ownGroup}-${parsed.code}`;
        }
      }
      const costShare = parsed.system === 'CARC' && COST_SHARE_CARCS.has(parsed.code);
      facts.reasons.push({ code: display, denial: context.slice || !costShare });
      return;
    }
    if (system === undefined && code && code.length <= 40) {
      const parsed = parseCode(code);
      if (parsed && (parsed.group || parsed.system === 'RARC')) {
        facts.warnings.push(
          `reason code ${quote(code)} has no code system; it was read as the ${parsed.system} ${parsed.display}`,
        );
        const costShare = parsed.system === 'CARC' && COST_SHARE_CARCS.has(parsed.code);
        facts.reasons.push({ code: parsed.display, denial: context.slice || !costShare });
        return;
      }
    }
    if (code && asGroup(code) && code.length === 2) return; // a group code given as a coding (read above)
    const label = coding.display?.trim();
    if (label) facts.texts.push(label);
    const name = system === NCPDP_REJECT_CODE ? 'NCPDP reject code' : 'reason code';
    const shown = code ? quote(code) : '(no code)';
    const kept = label ? 'its text was kept' : 'it was not read';
    facts.warnings.push(
      system === undefined
        ? `${name} ${shown} has no code system, so it cannot be read as a CARC or RARC: ${kept}`
        : `${name} ${shown}${system === NCPDP_REJECT_CODE ? '' : ` (system ${quote(system)})`} is not a CARC or RARC: ${kept}`,
    );
    facts.reasons.push({ denial: true });
  });
}

type Status = 'denied' | 'partial' | undefined;

/** Whether a list of adjudications (with its reasons) amounts to a denial. See docs/fhir.md. */
function decide(facts: Facts): { status: Status; inferred: boolean } {
  const denialReasons = facts.reasons.some((reason) => reason.denial);
  if (facts.denied) return { status: 'denied', inferred: false };
  const paid = facts.benefit ?? facts.paid;
  if (paid !== undefined) {
    if (paid <= 0) return { status: denialReasons ? 'denied' : undefined, inferred: false };
    const someNotPaid = facts.partial || (facts.noncovered ?? 0) > 0 || facts.denialSlice;
    return { status: someNotPaid && denialReasons ? 'partial' : undefined, inferred: false };
  }
  if (!denialReasons) return { status: undefined, inferred: false };
  return { status: facts.partial ? 'partial' : 'denied', inferred: !facts.partial && !facts.denialSlice };
}

/** Reads the ICD-10-CM codes of a diagnosis list; bad codes and repeated sequences become issues. */
export function readDiagnoses(
  list: ParsedDiagnosis[] | undefined,
  base: Path,
  issues: OverturnIssue[],
): DiagnosisModel {
  const bySequence = new Map<number, string[]>();
  const all: string[] = [];
  (list ?? []).forEach((diagnosis, index) => {
    const path = [...base, index];
    if (bySequence.has(diagnosis.sequence)) {
      issues.push({
        path: [...path, 'sequence'],
        message: `diagnosis sequence ${diagnosis.sequence} is used twice`,
      });
      return;
    }
    const codes: string[] = [];
    (diagnosis.diagnosisCodeableConcept?.coding ?? []).forEach((coding, codingIndex) => {
      if (coding.system !== ICD_10_CM) return;
      const code = coding.code?.trim() ?? '';
      const parsed = code.length <= 16 ? parseIcd10(code) : undefined;
      if (!parsed) {
        issues.push({
          path: [...path, 'diagnosisCodeableConcept', 'coding', codingIndex, 'code'],
          message: `${quote(code)} is not an ICD-10-CM code (expected forms like M17.11, I21.4, F32.A)`,
        });
        return;
      }
      codes.push(parsed.display);
    });
    bySequence.set(diagnosis.sequence, codes);
    all.push(...codes);
  });
  return { bySequence, all };
}

/** Checks that each note number an item gives exists. */
function checkNotes(model: ClaimModel, issues: OverturnIssue[]): Map<number, string> {
  const byNumber = new Map<number, string>();
  for (const note of model.notes.value) {
    if (note.number !== undefined && note.text?.trim()) byNumber.set(note.number, note.text.trim());
  }
  const numbers = new Set(model.notes.value.map((note) => note.number).filter((n) => n !== undefined));
  for (const item of model.items) {
    for (const { number, path } of item.noteNumbers) {
      if (!numbers.has(number)) issues.push({ path, message: `no processNote has number ${number}` });
    }
  }
  return byNumber;
}

/** The plan-type hints of the insurer, the (focal) coverages and their contained Coverage resources. */
function planTypeHints(model: ClaimModel, issues: OverturnIssue[]): PlanTypeHint[] {
  const hints: PlanTypeHint[] = [];
  const byName = (name: string | undefined, where: string) => {
    if (!name?.trim()) return;
    const planType = planTypeFromName(name);
    if (planType) hints.push({ planType, source: `${where} ${quote(name)}` });
  };
  byName(model.insurer?.display, 'insurer.display');
  const focal = model.insurance.some((entry) => entry.focal === true);
  model.insurance.forEach((entry, index) => {
    if (focal && entry.focal !== true) return;
    byName(entry.coverage?.display, `insurance[${index}].coverage.display`);
    const reference = entry.coverage?.reference;
    if (!reference?.startsWith('#')) return;
    const found = containedResource(model, 'Coverage', reference.slice(1));
    if (!found) {
      issues.push({
        path: ['insurance', index, 'coverage', 'reference'],
        message: `no contained Coverage has id ${quote(reference.slice(1))}`,
      });
      return;
    }
    const parsed = containedCoverageSchema.safeParse(found.value);
    if (!parsed.success) {
      issues.push(...prefixIssues(parsed.error.issues, ['contained', found.index]));
      return;
    }
    const coverage = parsed.data;
    for (const coding of coverage.type?.coding ?? []) {
      const planType = planTypeFromSopt(coding.system, coding.code);
      if (planType)
        hints.push({ planType, source: `Coverage.type (Source of Payment Typology ${coding.code})` });
    }
    for (const payor of coverage.payor ?? []) byName(payor.display, 'Coverage.payor.display');
    for (const entryClass of coverage.class ?? []) byName(entryClass.name, 'Coverage.class.name');
  });
  return hints;
}

/** Finds a contained resource by type and id. */
export function containedResource(
  model: Pick<ClaimModel, 'contained'>,
  resourceType: string,
  id: string,
): { value: unknown; index: number } | undefined {
  for (let index = 0; index < model.contained.length; index++) {
    const value = model.contained[index];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      if (Object.hasOwn(record, 'resourceType') && record.resourceType === resourceType && record.id === id)
        return { value, index };
    }
  }
  return undefined;
}

/** Decides the plan type: the option, else hints that all agree, else an issue at `planType`. */
function decidePlanType(
  model: ClaimModel,
  options: ParsedOptions,
  issues: OverturnIssue[],
): { planType?: PlanType; warnings: string[]; missing?: OverturnIssue } {
  const hints = planTypeHints(model, issues);
  const kinds = [...new Set(hints.map((hint) => hint.planType))];
  if (options.planType) {
    const differing = hints.filter((hint) => hint.planType !== options.planType);
    return {
      planType: options.planType,
      warnings: differing.map(
        (hint) => `options.planType is ${options.planType} but ${hint.source} suggests ${hint.planType}`,
      ),
    };
  }
  if (kinds.length === 1 && kinds[0]) {
    const sources = hints.map((hint) => hint.source).join(', ');
    return {
      planType: kinds[0],
      warnings: [
        `planType ${kinds[0]} was read from ${sources}; give options.planType if that is not the plan`,
      ],
    };
  }
  const payer = model.insurer?.display?.trim() ? ` (insurer ${quote(model.insurer.display)})` : '';
  return {
    warnings: [],
    missing: {
      path: ['planType'],
      message:
        kinds.length > 1
          ? `the resource points to different kinds of plan (${hints.map((hint) => `${hint.source}: ${hint.planType}`).join('; ')}): give options.planType`
          : `the resource does not say which kind of plan this is${payer}: give options.planType`,
    },
  };
}

/** The procedure of an item: its CPT/HCPCS code, else the payer's text for it. */
function procedureOf(item: ItemModel, issues: OverturnIssue[], warnings: string[]): string | undefined {
  const productOrService = item.productOrService;
  if (!productOrService) return undefined;
  const concept = productOrService.value;
  let found: string | undefined;
  (concept.coding ?? []).forEach((coding, index) => {
    const system = coding.system;
    if (system !== CPT && system !== HCPCS && system !== HCPCS.replace('https:', 'http:')) return;
    const code = coding.code?.trim() ?? '';
    if (!/^[A-Z0-9]{5}$/i.test(code)) {
      issues.push({
        path: [...productOrService.path, 'coding', index, 'code'],
        message: `${quote(code)} is not a ${system === CPT ? 'CPT' : 'HCPCS'} code (expected five letters or digits, such as 27447 or G0121)`,
      });
      return;
    }
    found ??= code.toUpperCase();
  });
  if (found) return found;
  const candidates = [
    concept.text,
    ...(concept.coding ?? [])
      .filter((coding) => coding.system !== DATA_ABSENT_REASON && coding.system !== CPT)
      .map((coding) => coding.display),
  ];
  for (const candidate of candidates) {
    const text = candidate?.trim();
    if (!text || !/[A-Za-z0-9]/.test(text)) continue;
    if (text.length > MAX_PROCEDURE_LENGTH) {
      warnings.push(
        `the item's product or service text is longer than ${MAX_PROCEDURE_LENGTH} characters; not used`,
      );
      continue;
    }
    return text;
  }
  return undefined;
}

/** The ICD-10-CM codes an item points to (or the claim's, when it points to none). */
function icd10Of(item: ItemModel | undefined, diagnoses: DiagnosisModel, issues: OverturnIssue[]): string[] {
  const codes: string[] = [];
  const pointers = item?.diagnosisSequence;
  if (item && pointers) {
    pointers.value.forEach((sequence, index) => {
      const found = item.diagnoses.bySequence.get(sequence);
      if (!found) {
        issues.push({
          path: [...pointers.path, index],
          message: `no diagnosis has sequence ${sequence}`,
        });
        return;
      }
      codes.push(...found);
    });
  } else {
    codes.push(...(item ? item.diagnoses.all : diagnoses.all));
  }
  return [...new Set(codes)];
}

const STAGES: Record<NonNullable<ClaimModel['use']>, DenialStage> = {
  claim: 'claim',
  preauthorization: 'prior_authorization',
  predetermination: 'prior_authorization',
};

/** Joins text parts (each once), within the text limit. */
function joinText(parts: string[], warnings: string[]): string | undefined {
  const unique = [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
  if (!unique.length) return undefined;
  let text = unique.join('\n');
  if (text.length > MAX_TEXT_LENGTH) {
    text = text.slice(0, MAX_TEXT_LENGTH);
    // Do not leave half of a surrogate pair at the end.
    if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
    warnings.push(`the denial text was cut to ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters`);
  }
  return text;
}

/** Keeps the first of each value, in order. */
function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The CARC/RARC codes of reasons that can explain a denial. */
function denialCodes(facts: Facts): string[] {
  return unique(
    facts.reasons.filter((reason) => reason.denial && reason.code).map((reason) => reason.code as string),
  );
}

/**
 * Turns a claim model into one case per denied item (or one for the claim when only the header says it
 * is denied). Throws `OverturnError('INVALID_INPUT')` with every issue found in the resource, then (only
 * when the resource is sound) for a plan type that must be given.
 */
export function casesFromModel(
  model: ClaimModel,
  options: ParsedOptions,
  issues: OverturnIssue[] = [],
): FhirDenialCase[] {
  const notes = checkNotes(model, issues);
  const sequences = new Set<number>();
  for (const item of model.items) {
    if (sequences.has(item.sequence))
      issues.push({ path: item.sequencePath, message: `item sequence ${item.sequence} is used twice` });
    sequences.add(item.sequence);
  }

  const header = readAdjudications(model.header.value, model.header.path, issues);
  for (const error of model.headerErrors) readReason(error.code, error.path, { slice: true }, issues, header);
  if (has(model.payment?.type, C4BB_PAYER_ADJUDICATION_STATUS, 'denied')) header.denied = true;
  if (has(model.payment?.type, C4BB_PAYER_ADJUDICATION_STATUS, 'partiallypaid')) header.partial = true;
  const headerStatus = decide(header).status;

  const items = model.items.map((item) => {
    const facts = readAdjudications(item.adjudications.value, item.adjudications.path, issues);
    for (const error of item.errors) readReason(error.code, error.path, { slice: true }, issues, facts);
    const warnings: string[] = [...item.warnings];
    // Every item's codes are checked, denied or not: a bad code is a bad resource.
    const procedure = procedureOf(item, issues, warnings);
    const icd10 = icd10Of(item, model.diagnoses, issues);
    return { item, facts, decision: decide(facts), procedure, icd10, warnings };
  });
  const denied = items.filter((entry) => entry.decision.status !== undefined);
  const claimStatus: Status = denied.length
    ? undefined
    : (headerStatus ??
      (model.outcome === 'error' ? 'denied' : model.outcome === 'partial' ? 'partial' : undefined));

  const noticeDate = model.created.slice(0, 10);
  if (options.receivedDate && options.receivedDate < noticeDate) {
    issues.push({
      path: ['receivedDate'],
      message: `options.receivedDate ${options.receivedDate} is before the notice date ${noticeDate} (created)`,
    });
  }
  const anyCase = denied.length > 0 || claimStatus !== undefined;
  const plan = anyCase ? decidePlanType(model, options, issues) : { warnings: [] };
  if (issues.length) throw new OverturnError('INVALID_INPUT', issues);
  if (plan.missing) throw new OverturnError('INVALID_INPUT', [plan.missing]);
  if (!anyCase || !plan.planType) return [];

  const planType = plan.planType;
  const stage = model.use ? STAGES[model.use] : undefined;
  const referenced = new Set(model.items.flatMap((item) => item.noteNumbers.map((note) => note.number)));
  const generalNotes = model.notes.value
    .filter((note) => note.number === undefined || !referenced.has(note.number))
    .map((note) => note.text ?? '');
  const base = `${model.resourceType}${model.id ? `/${model.id}` : ''}`;

  const build = (
    sequence: number,
    status: 'denied' | 'partial',
    parts: { codes: string[]; texts: string[]; icd10: string[]; procedure?: string; warnings: string[] },
  ): FhirDenialCase => {
    const warnings = [...plan.warnings, ...parts.warnings];
    let codes = parts.codes;
    if (codes.length > MAX_CODES) {
      codes = codes.slice(0, MAX_CODES);
      warnings.push(`only the first ${MAX_CODES} reason codes were kept`);
    }
    let text = joinText(parts.texts, warnings);
    if (!codes.length && !text) {
      text = `The ${model.resourceType} marks ${sequence ? `item ${sequence}` : 'the claim'} as denied but gives no reason code or note.`;
      warnings.push(
        'no reason code or note: the kind of denial cannot be told; ask the payer for the denial letter',
      );
    }
    let icd10 = parts.icd10;
    if (icd10.length > MAX_ICD10) {
      icd10 = icd10.slice(0, MAX_ICD10);
      warnings.push(`only the first ${MAX_ICD10} diagnosis codes were kept`);
    }
    const denial: DenialInput = {};
    if (codes.length) denial.codes = codes;
    if (text) denial.text = text;
    if (stage) denial.stage = stage;
    const result: CaseInput = { denial, planType, noticeDate };
    if (options.receivedDate) result.receivedDate = options.receivedDate;
    if (options.state) result.state = options.state;
    if (icd10.length) result.icd10 = icd10;
    if (parts.procedure) result.procedure = parts.procedure;
    if (options.funding) result.funding = options.funding;
    if (options.asOf) result.asOf = options.asOf;
    return {
      item: { sequence, reference: sequence ? `${base}#item-${sequence}` : base },
      status,
      case: result,
      warnings: unique(warnings),
    };
  };

  if (!denied.length) {
    const only = items.length === 1 ? items[0] : undefined;
    const warnings = [...header.warnings];
    if (!headerStatus && model.outcome === 'partial')
      warnings.push('the outcome is "partial" but no item says which part was denied');
    return [
      build(0, claimStatus ?? 'denied', {
        codes: denialCodes(header),
        texts: [
          model.disposition ?? '',
          ...model.notes.value.map((note) => note.text ?? ''),
          ...header.texts,
        ],
        icd10: model.diagnoses.all.length ? unique(model.diagnoses.all) : (only?.icd10 ?? []),
        procedure: only?.procedure,
        warnings: [...warnings, ...(only?.warnings ?? [])],
      }),
    ];
  }

  return denied.map(({ item, facts, decision, procedure, icd10, warnings }) => {
    const own = denialCodes(facts);
    const itemNotes = item.noteNumbers.map((note) => notes.get(note.number) ?? '');
    const extra = [...header.warnings, ...facts.warnings, ...warnings];
    if (decision.inferred)
      extra.push(
        `item ${item.sequence} has no paid amount and no denial marker; it is read as denied because it carries reason codes`,
      );
    return build(item.sequence, decision.status ?? 'denied', {
      codes: own.length ? own : denialCodes(header),
      texts: [model.disposition ?? '', ...generalNotes, ...itemNotes, ...header.texts, ...facts.texts],
      icd10,
      procedure,
      warnings: extra,
    });
  });
}
