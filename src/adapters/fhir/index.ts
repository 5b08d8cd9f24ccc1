import type { ClaimResponse, ExplanationOfBenefit } from '@medplum/fhirtypes';
import type * as z from 'zod';
import { OverturnError, type OverturnIssue } from '../../errors.js';
import {
  type ClaimModel,
  casesFromModel,
  containedResource,
  type DiagnosisModel,
  prefixIssues,
  readDiagnoses,
} from './read.js';
import {
  claimResponseSchema,
  containedClaimSchema,
  explanationOfBenefitSchema,
  fhirAdapterOptionsSchema,
  type ParsedClaim,
  type ParsedOptions,
} from './schema.js';
import type { FhirAdapterOptions, FhirDenialCase } from './types.js';

export type { FhirAdapterOptions, FhirDenialCase } from './types.js';

/**
 * Reads a FHIR R4 ExplanationOfBenefit (CARIN Blue Button or plain R4) and returns one case per denied
 * or partly denied item, ready for `analyzeCase`: the CARC/RARC reason codes (with their group code when
 * the resource gives one: `CO-50`), the notice date (`created`, its date part as written), the stage
 * (`use`), the denial text (`disposition` and `processNote`), the item's ICD-10-CM diagnoses and its
 * CPT/HCPCS code. A denial given only in the header (no item denied on its own) gives one case for the
 * claim, with `item.sequence` 0. Nothing denied gives `[]`.
 *
 * The plan type is rarely in an EOB. `options.planType` wins; otherwise only a certain hint counts (a
 * contained Coverage typed in the Source of Payment Typology, or a payer name such as "Medicare",
 * "Medicare Advantage", "TRICARE"), and when there is none the call is refused at `['planType']` rather
 * than guessed. See docs/fhir.md for every field read.
 *
 * @param eob - the resource, as parsed JSON (any JSON value is accepted and checked)
 * @param options - what the resource does not say: `planType`, `receivedDate`, `state`, `asOf`, `funding`
 * @returns one entry per denied item: `{ item: { sequence, reference }, status, case, warnings }`
 * @throws {OverturnError} `INVALID_INPUT` for anything that is not a sound ExplanationOfBenefit, each issue
 * with its path in the resource (`['item', 1, 'adjudication', 0, 'reason', 'coding', 0, 'code']`), or
 * at `['planType']` when the plan type must be given
 *
 * @example
 * ```ts
 * import { analyzeCase, fromFhirExplanationOfBenefit } from 'overturn';
 *
 * const [denied] = fromFhirExplanationOfBenefit(eob, { planType: 'employer_erisa' });
 * denied.item.reference;           // 'ExplanationOfBenefit/eob-prof-2026-0388#item-2'
 * denied.case.denial.codes;        // ['CO-197']
 * denied.case.noticeDate;          // '2026-03-02' (from created 2026-03-02T14:05:00-05:00)
 * analyzeCase(denied.case).classification.category; // 'prior_authorization'
 * ```
 */
export function fromFhirExplanationOfBenefit(
  eob: ExplanationOfBenefit,
  options?: FhirAdapterOptions,
): FhirDenialCase[] {
  const parsedOptions = readOptions(options);
  const parsed = parseResource(explanationOfBenefitSchema, eob);
  const resource = parsed.data;
  const issues: OverturnIssue[] = [];
  const diagnoses = readDiagnoses(resource.diagnosis, ['diagnosis'], issues);
  const model: ClaimModel = {
    ...headerModel('ExplanationOfBenefit', resource),
    headerErrors: [],
    items: (resource.item ?? []).map((item, index) => ({
      sequence: item.sequence,
      sequencePath: ['item', index, 'sequence'],
      noteNumbers: noteNumbersOf(item.noteNumber, index),
      adjudications: { value: item.adjudication ?? [], path: ['item', index, 'adjudication'] },
      errors: [],
      diagnosisSequence: item.diagnosisSequence
        ? { value: item.diagnosisSequence, path: ['item', index, 'diagnosisSequence'] }
        : undefined,
      productOrService: { value: item.productOrService, path: ['item', index, 'productOrService'] },
      diagnoses,
      warnings: [],
    })),
    diagnoses,
  };
  return run(model, parsedOptions, issues);
}

/**
 * Reads a FHIR R4 ClaimResponse (a prior-authorization, predetermination or claim response) and returns
 * one case per denied or partly denied item, like {@link fromFhirExplanationOfBenefit}. A ClaimResponse
 * names items only by `itemSequence`; when its `request` points to a contained Claim (`#id`), that
 * Claim's items give each item's CPT/HCPCS code and ICD-10-CM diagnoses. `error[]` codes (CARC/RARC)
 * count as reasons of the item they name, or of the claim.
 *
 * @param cr - the resource, as parsed JSON (any JSON value is accepted and checked)
 * @param options - what the resource does not say: `planType`, `receivedDate`, `state`, `asOf`, `funding`
 * @returns one entry per denied item: `{ item: { sequence, reference }, status, case, warnings }`
 * @throws {OverturnError} `INVALID_INPUT` for anything that is not a sound ClaimResponse (issues with their
 * paths in the resource), or at `['planType']` when the plan type must be given
 *
 * @example
 * ```ts
 * import { analyzeCase, fromFhirClaimResponse } from 'overturn';
 *
 * const [denied] = fromFhirClaimResponse(claimResponse, { planType: 'individual_market' });
 * denied.case.denial.stage;  // 'prior_authorization' (use = preauthorization)
 * denied.case.procedure;     // '27447' (from the contained Claim's item)
 * analyzeCase(denied.case).classification.category; // 'medical_necessity'
 * ```
 */
export function fromFhirClaimResponse(cr: ClaimResponse, options?: FhirAdapterOptions): FhirDenialCase[] {
  const parsedOptions = readOptions(options);
  const parsed = parseResource(claimResponseSchema, cr);
  const resource = parsed.data;
  const issues: OverturnIssue[] = [];
  const claim = requestClaim(resource.request?.reference, resource.contained ?? [], issues);
  const diagnoses: DiagnosisModel = claim
    ? readDiagnoses(claim.value.diagnosis, ['contained', claim.index, 'diagnosis'], issues)
    : { bySequence: new Map(), all: [] };
  const errors = (resource.error ?? []).map((error, index) => ({
    itemSequence: error.itemSequence,
    code: error.code,
    path: ['error', index, 'code'],
  }));
  const model: ClaimModel = {
    ...headerModel('ClaimResponse', resource),
    headerErrors: errors.filter((error) => error.itemSequence === undefined),
    items: (resource.item ?? []).map((item, index) => {
      const claimIndex = claim?.value.item?.findIndex((entry) => entry.sequence === item.itemSequence) ?? -1;
      const claimItem = claim && claimIndex >= 0 ? claim.value.item?.[claimIndex] : undefined;
      const claimPath = ['contained', claim?.index ?? 0, 'item', claimIndex];
      return {
        sequence: item.itemSequence,
        sequencePath: ['item', index, 'itemSequence'],
        noteNumbers: noteNumbersOf(item.noteNumber, index),
        adjudications: { value: item.adjudication ?? [], path: ['item', index, 'adjudication'] },
        errors: errors.filter((error) => error.itemSequence === item.itemSequence),
        diagnosisSequence: claimItem?.diagnosisSequence
          ? { value: claimItem.diagnosisSequence, path: [...claimPath, 'diagnosisSequence'] }
          : undefined,
        productOrService: claimItem
          ? { value: claimItem.productOrService, path: [...claimPath, 'productOrService'] }
          : undefined,
        diagnoses,
        warnings:
          claim && !claimItem
            ? [
                `the contained Claim has no item ${item.itemSequence}: the procedure and diagnoses are unknown`,
              ]
            : [],
      };
    }),
    diagnoses,
  };
  // An error naming an item the response does not have is a broken reference.
  errors.forEach((error, index) => {
    if (error.itemSequence !== undefined && !model.items.some((item) => item.sequence === error.itemSequence))
      issues.push({
        path: ['error', index, 'itemSequence'],
        message: `no item has itemSequence ${error.itemSequence}`,
      });
  });
  return run(model, parsedOptions, issues);
}

/**
 * Validates a resource. Another resource type is reported alone (its other differences from the
 * expected resource are noise).
 */
function parseResource<T extends typeof explanationOfBenefitSchema | typeof claimResponseSchema>(
  schema: T,
  value: unknown,
): { data: z.output<T> } {
  const expected = schema.shape.resourceType.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const type = Object.hasOwn(value, 'resourceType')
      ? (value as { resourceType: unknown }).resourceType
      : undefined;
    if (type !== expected) {
      const check = schema.shape.resourceType.safeParse(type);
      if (!check.success)
        throw new OverturnError('INVALID_INPUT', prefixIssues(check.error.issues, ['resourceType']));
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new OverturnError('INVALID_INPUT', prefixIssues(parsed.error.issues, []));
  return { data: parsed.data as z.output<T> };
}

/** Validates the options (paths relative to the options: `['planType']`). */
function readOptions(options: unknown): ParsedOptions {
  if (options === undefined) return {};
  const parsed = fhirAdapterOptionsSchema.safeParse(options);
  if (!parsed.success) throw new OverturnError('INVALID_INPUT', prefixIssues(parsed.error.issues, []));
  return parsed.data;
}

/** The contained Claim a ClaimResponse's `request` points to, validated. */
function requestClaim(
  reference: string | undefined,
  contained: unknown[],
  issues: OverturnIssue[],
): { value: ParsedClaim; index: number } | undefined {
  if (!reference?.startsWith('#')) return undefined;
  const found = containedResource({ contained }, 'Claim', reference.slice(1));
  if (!found) {
    issues.push({
      path: ['request', 'reference'],
      message: `no contained Claim has id "${reference.slice(1, 65)}"`,
    });
    return undefined;
  }
  const parsed = containedClaimSchema.safeParse(found.value);
  if (!parsed.success) {
    issues.push(...prefixIssues(parsed.error.issues, ['contained', found.index]));
    return undefined;
  }
  return { value: parsed.data, index: found.index };
}

/** Runs the shared reading, with the issues found while building the model. */
function run(model: ClaimModel, options: ParsedOptions, issues: OverturnIssue[]): FhirDenialCase[] {
  return casesFromModel(model, options, issues);
}

/** The fields of the claim model both resources give the same way. */
function headerModel(
  resourceType: ClaimModel['resourceType'],
  resource: z.output<typeof explanationOfBenefitSchema> | z.output<typeof claimResponseSchema>,
): Omit<ClaimModel, 'headerErrors' | 'items' | 'diagnoses'> {
  return {
    resourceType,
    id: resource.id,
    use: resource.use,
    outcome: resource.outcome,
    created: resource.created,
    disposition: resource.disposition,
    notes: { value: resource.processNote ?? [], path: ['processNote'] },
    header: { value: resource.adjudication ?? [], path: ['adjudication'] },
    payment: resource.payment ? { type: resource.payment.type, path: ['payment'] } : undefined,
    insurer: resource.insurer,
    insurance: resource.insurance ?? [],
    contained: resource.contained ?? [],
  };
}

/** An item's `noteNumber`s, each with its path. */
function noteNumbersOf(numbers: readonly number[] | undefined, itemIndex: number) {
  return (numbers ?? []).map((number, noteIndex) => ({
    number,
    path: ['item', itemIndex, 'noteNumber', noteIndex],
  }));
}
