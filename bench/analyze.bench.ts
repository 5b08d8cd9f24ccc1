/**
 * analyzeCase: the compiled engine against json-rules-engine, which runs both the classification and the
 * checklist rules of the same rule set. Deadlines, specialists and surgical opinions are table lookups
 * shared by both paths. Each iteration analyses every valid case of fixtures/cases once.
 * Run: npm run bench
 */
import type { CaseInput } from '../src/index.js';
import { builtPackage, fixtureInputs, pairedBenchmark } from './_paired.js';

const { overturn, reference: referencePackage } = await builtPackage();
const { analyzeCase, OverturnError } = overturn;

const valid = (await fixtureInputs<CaseInput>('cases')).filter((input) => {
  try {
    analyzeCase(input);
    return true;
  } catch (error) {
    if (error instanceof OverturnError) return false;
    throw error;
  }
});
const reference = referencePackage.createReferenceOverturn();
await pairedBenchmark({
  label: 'analyzeCase (fixtures/cases)',
  inputs: valid,
  compiled: analyzeCase,
  reference: (input) => reference.analyzeCase(input),
});
