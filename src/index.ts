/**
 * overturn: turn a US health-insurance denial into a dated, cited plan.
 *
 * The public API is this explicit list; anything not exported here is internal. Everything `overturn/core`
 * exports (types, constants, errors, letters, `loadOverturn`, `toICalendar`: nothing that needs rule data) is
 * exported here too, from that one list (src/core.ts); below are the functions bound to the bundled rule set,
 * the bundled rules as data, and the adapters.
 * @module
 */

export { defaultRuleSetSource } from './_lib/defaultRuleSet.js';
export {
  type FhirAdapterOptions,
  type FhirDenialCase,
  fromFhirClaimResponse,
  fromFhirExplanationOfBenefit,
} from './adapters/fhir/index.js';
export {
  fromX12_835,
  X12_MAX_LENGTH,
  type X12Adjustment,
  type X12DenialCase,
  type X12StreamItem,
  X12StreamReader,
} from './adapters/x12/index.js';
export { analyzeCase } from './analyzeCase/index.js';
export { buildChecklist } from './buildChecklist/index.js';
export { classifyDenial } from './classifyDenial/index.js';
export { computeAppealDeadline } from './computeAppealDeadline/index.js';
export * from './core.js';
export { createOverturn, type OverturnOptions } from './createOverturn/index.js';
export { recommendSpecialist } from './recommendSpecialist/index.js';
export { requiresSecondSurgicalOpinion } from './requiresSecondSurgicalOpinion/index.js';
