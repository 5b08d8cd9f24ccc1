import type { CaseInput, FundingType } from '../../buildChecklist/types.js';
import type { PlanType } from '../../types.js';

/**
 * What the caller knows that a FHIR resource does not say. Every field is optional; `planType` is
 * required in practice whenever the resource gives no certain hint of the kind of plan (see
 * {@link fromFhirExplanationOfBenefit}).
 *
 * @example
 * ```ts
 * const options: FhirAdapterOptions = { planType: 'employer_erisa', receivedDate: '2026-03-09', state: 'NY' };
 * ```
 */
export interface FhirAdapterOptions {
  /** The kind of plan. Wins over any hint in the resource (a differing hint is reported in `warnings`). */
  planType?: PlanType;
  /** The day the notice arrived (`YYYY-MM-DD`), when known. Never guessed from the resource. */
  receivedDate?: string;
  /** USPS state code (`NY`), for state rules. */
  state?: string;
  /** Today (`YYYY-MM-DD`), for days remaining. */
  asOf?: string;
  /** For employer plans: `insured` or `self_funded`. */
  funding?: FundingType;
}

/**
 * One denied (or partly denied) item of an ExplanationOfBenefit or ClaimResponse, as a case ready for
 * `analyzeCase`.
 *
 * @example
 * ```ts
 * const [first]: FhirDenialCase[] = fromFhirExplanationOfBenefit(eob, { planType: 'employer_erisa' });
 * first.item;            // { sequence: 2, reference: 'ExplanationOfBenefit/eob-prof-2026-0388#item-2' }
 * first.case.denial;     // { codes: ['CO-197'], text: '…', stage: 'claim' }
 * analyzeCase(first.case).classification.category; // 'prior_authorization'
 * ```
 */
export interface FhirDenialCase {
  item: {
    /**
     * The item's `sequence` (`itemSequence` in a ClaimResponse); `0` for a denial of the whole claim
     * read from the header (no item is denied on its own).
     */
    sequence: number;
    /**
     * `<resourceType>/<id>#item-<sequence>` (`ExplanationOfBenefit/eob-123#item-2`), or
     * `<resourceType>/<id>` for a header-level denial. Without an `id`, the resource type alone
     * (`ExplanationOfBenefit#item-2`).
     */
    reference: string;
  };
  /** The item's share of the denial: fully denied, or partly (some amount paid, some not covered). */
  status: 'denied' | 'partial';
  /** The case, valid input for `analyzeCase` and `buildChecklist`. */
  case: CaseInput;
  /** What the adapter could not read with certainty, in plain words (never the patient's data). */
  warnings: string[];
}
