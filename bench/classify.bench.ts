/**
 * classifyDenial: the compiled engine against json-rules-engine running the same rule set.
 *
 * Both paths share input validation and code/phrase lookup; they differ only in how the decision rules
 * are evaluated (compiled closures vs json-rules-engine, one engine reused, runs sequential). Each
 * iteration classifies every input of fixtures/denials once.
 * Run: npm run bench
 */
import { classifyDenial, type DenialInput } from '../src/index.js';
import { createReferenceOverturn } from '../src/reference.js';
import { fixtureInputs, pairedBenchmark } from './_paired.js';

const reference = createReferenceOverturn();
await pairedBenchmark({
  label: 'classifyDenial (fixtures/denials)',
  inputs: await fixtureInputs<DenialInput>('denials'),
  compiled: classifyDenial,
  reference: (input) => reference.classifyDenial(input),
});
