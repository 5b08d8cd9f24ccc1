/**
 * classifyDenial: the compiled engine against json-rules-engine running the same rule set.
 *
 * Both paths share input validation and code/phrase lookup; they differ only in how the decision rules
 * are evaluated (compiled closures vs json-rules-engine, one engine reused, runs sequential). Each
 * iteration classifies every input of fixtures/denials once.
 * Run: npm run bench
 */
import type { DenialInput } from '../src/index.js';
import { builtPackage, fixtureInputs, pairedBenchmark } from './_paired.js';

const { overturn, reference: referencePackage } = await builtPackage();
const { classifyDenial } = overturn;
const reference = referencePackage.createReferenceOverturn();
await pairedBenchmark({
  label: 'classifyDenial (fixtures/denials)',
  inputs: await fixtureInputs<DenialInput>('denials'),
  compiled: classifyDenial,
  reference: (input) => reference.classifyDenial(input),
});
