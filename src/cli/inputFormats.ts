import { fromFhirClaimResponse, fromFhirExplanationOfBenefit } from '../adapters/fhir/index.js';
import type { FhirAdapterOptions } from '../adapters/fhir/types.js';
import { fromX12_835, type X12DenialCase } from '../adapters/x12/index.js';
import type { CaseInput } from '../buildChecklist/types.js';
import { OverturnError } from '../errors.js';

/** What a file holds: a `CaseInput`, a FHIR R4 ExplanationOfBenefit or ClaimResponse, or an X12 835. */
export const INPUT_FORMATS = ['case', 'fhir', 'x12'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** What the command line knows that a FHIR resource or an 835 does not say. */
export type CaseContext = FhirAdapterOptions;

/** One case read from a file, with where it came from (`claim PCN-1 line 2`, `ExplanationOfBenefit/e1#item-2`). */
export interface LabelledCase {
  label?: string;
  input: unknown;
  warnings: string[];
}

/** The FHIR resources read: the two that carry adjudications, and a Bundle of them. */
const FHIR_TYPES: ReadonlySet<unknown> = new Set(['ExplanationOfBenefit', 'ClaimResponse', 'Bundle']);

/**
 * The format of a file's text, by parsing it, never by guessing from a pattern: an 835 starts with an ISA
 * segment; JSON (or NDJSON, one JSON object per line) whose `resourceType` is ExplanationOfBenefit,
 * ClaimResponse or Bundle is FHIR; anything else is a case (and is refused as one when it is not).
 */
export function detectFormat(text: string): InputFormat {
  const start = text.trimStart();
  if (start.startsWith('ISA')) return 'x12';
  if (!start.startsWith('{')) return 'case';
  const [first] = jsonValues(start);
  return isFhirResource(first) ? 'fhir' : 'case';
}

/** The JSON value of the text, or each line's for NDJSON; empty when neither parses. */
function jsonValues(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    try {
      return lines.length > 1 ? lines.map((line) => JSON.parse(line)) : [];
    } catch {
      return [];
    }
  }
}

/** The JSON values of a FHIR text: one resource (perhaps a Bundle), or NDJSON with one resource per line. */
function fhirResourcesOfText(text: string): unknown[] {
  const values = jsonValues(text);
  if (!values.length) JSON.parse(text); // throws the SyntaxError that says where the JSON breaks
  return values;
}

/** Whether a parsed JSON value is a FHIR resource overturn reads (an adjudication, or a Bundle of them). */
export function isFhirResource(value: unknown): boolean {
  return FHIR_TYPES.has((value as { resourceType?: unknown } | null)?.resourceType);
}

/**
 * The cases of parsed FHIR values: each an ExplanationOfBenefit, a ClaimResponse or a Bundle of them (its other
 * entries are passed over).
 */
export function casesFromFhir(values: readonly unknown[], context: CaseContext): LabelledCase[] {
  const resources = values.flatMap((value) => {
    const resource = value as { resourceType?: unknown; entry?: unknown } | null;
    if (resource?.resourceType !== 'Bundle') return [value];
    const entries = Array.isArray(resource.entry) ? resource.entry : [];
    return entries
      .map((entry) => (entry as { resource?: unknown } | null)?.resource)
      .filter((inner) => {
        const type = (inner as { resourceType?: unknown } | null | undefined)?.resourceType;
        return type === 'ExplanationOfBenefit' || type === 'ClaimResponse';
      });
  });
  return resources.flatMap((resource) => casesOfFhir(resource, context));
}

/**
 * The cases in a file's text: one for a case file, one per denied item of a FHIR resource, one per denied
 * claim or service line of an 835. Throws `OverturnError` (bad resource or 835) or `SyntaxError` (bad JSON).
 */
export function casesFromText(text: string, format: InputFormat, context: CaseContext): LabelledCase[] {
  if (format === 'x12') return fromX12_835(text).map((found) => caseOfX12(found, context));
  if (format === 'fhir') return casesFromFhir(fhirResourcesOfText(text), context);
  const parsed: unknown = JSON.parse(text);
  const input =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) && context.asOf
      ? { ...parsed, asOf: context.asOf }
      : parsed;
  return [{ input, warnings: [] }];
}

/** The cases of one FHIR ExplanationOfBenefit or ClaimResponse, labelled by the item they deny. */
function casesOfFhir(resource: unknown, context: CaseContext): LabelledCase[] {
  const resourceType = (resource as { resourceType?: unknown } | null)?.resourceType;
  const read = resourceType === 'ClaimResponse' ? fromFhirClaimResponse : fromFhirExplanationOfBenefit;
  let found: ReturnType<typeof read>;
  try {
    found = read(resource as never, contextFields(context));
  } catch (error) {
    // The adapter speaks to code (options.planType); on the command line the same thing is --plan-type.
    if (error instanceof OverturnError && error.issues.some((issue) => issue.path[0] === 'planType'))
      throw new OverturnError(
        error.code,
        error.issues.map((issue) =>
          issue.path[0] === 'planType' ? { ...issue, message: `${issue.message} (--plan-type)` } : issue,
        ),
      );
    throw error;
  }
  return found.map((item) => ({
    label: item.item.reference,
    input: item.case satisfies CaseInput,
    warnings: item.warnings,
  }));
}

/**
 * The case of one denial read from an 835, labelled `claim PCN-1` or `claim PCN-1 line 2`. Throws when the
 * plan type is not given (an 835 never says it).
 */
export function caseOfX12(found: X12DenialCase, context: CaseContext): LabelledCase {
  const line = found.claim.line ? ` line ${found.claim.line.index}` : '';
  const procedure = found.claim.line?.procedure ?? found.caseHints.procedure;
  const input: Record<string, unknown> = {
    denial: found.denial,
    ...contextFields(context),
    ...(found.caseHints.noticeDate ? { noticeDate: found.caseHints.noticeDate } : {}),
    ...(procedure ? { procedure } : {}),
  };
  if (!input.planType) throw planTypeNeeded('an 835 does not say which kind of plan paid the claim');
  return { label: `claim ${found.claim.id}${line}`, input, warnings: found.warnings };
}

function contextFields(context: CaseContext): CaseContext {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) if (value !== undefined) fields[key] = value;
  return fields as CaseContext;
}

function planTypeNeeded(why: string): OverturnError {
  return new OverturnError('INVALID_INPUT', [{ path: ['planType'], message: `${why}: give --plan-type` }]);
}
