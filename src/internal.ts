/**
 * The library modules the `overturn` command (src/cli/) and the reference engine bundled into it
 * (src/reference.ts, src/engine/referenceEngine.ts) use, as one entry of
 * the package build, so that dist/cli.js imports them from the library's own chunk instead of bundling a second
 * copy of the code and the rule data (tsup.config.ts). Not a public entry point: the package's `exports` do not
 * list it, and nothing here is promised to stay.
 * @module
 */

export * from './_lib/defaultRuleSet.js';
export * from './adapters/fhir/index.js';
export * from './adapters/fhir/types.js';
export * from './adapters/x12/index.js';
export * from './adapters/x12/stream.js';
export * from './analyzeCase/analyze.js';
export * from './analyzeCase/types.js';
export * from './buildChecklist/build.js';
export * from './buildChecklist/ruleData.js';
export * from './buildChecklist/schema.js';
export * from './buildChecklist/types.js';
export * from './classifyDenial/classify.js';
export * from './classifyDenial/ruleData.js';
export * from './classifyDenial/schema.js';
export * from './computeAppealDeadline/schema.js';
export * from './computeAppealDeadline/states.js';
export * from './createOverturn/index.js';
export * from './engine/compile.js';
export * from './engine/provenance.js';
export * from './engine/ruleSet.js';
export * from './errors.js';
export * from './index.js';
export * from './letters/index.js';
export * from './letters/schema.js';
export * from './letters/types.js';
export * from './recommendSpecialist/schema.js';
export * from './recommendSpecialist/types.js';
export * from './requiresSecondSurgicalOpinion/schema.js';
export * from './requiresSecondSurgicalOpinion/types.js';
export * from './types.js';
