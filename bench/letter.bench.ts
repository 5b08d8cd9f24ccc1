/**
 * classifyDenial on whole letters: latency per call on 10,000-character letters, p50 and p99, with the
 * reference engine (json-rules-engine, same rule set, same normalisation and text model) in the same run.
 *
 * The letters are built from the wordings of fixtures/denials (each letter a different rotation of them,
 * cut at 10,000 characters), so every layer works: normalisation, phrase and proximity rules, the model.
 * Calls alternate between the two engines in rounds, so background load hits both. Last, what a letter
 * allocates on the JavaScript heap (V8's sampling heap profiler, counting objects the young generation has
 * collected too): a figure the machine's load does not move, and what decides how often a call meets a collection.
 * Run: npm run bench
 */
import { Session } from 'node:inspector/promises';
import type { DenialInput } from '../src/index.js';
import { builtPackage, fixtureInputs } from './_paired.js';

const { overturn, reference: referencePackage } = await builtPackage();
const { classifyDenial } = overturn;

const LETTER_LENGTH = 10_000;
const LETTERS = 50;
const ROUNDS = 7;
const CALLS_PER_ROUND = 400;

const wordings = (await fixtureInputs<DenialInput>('denials')).flatMap((input) =>
  input.text ? [input.text] : [],
);
const letters = Array.from({ length: LETTERS }, (_, index) => {
  let letter = '';
  for (let at = index; letter.length < LETTER_LENGTH; at = (at + 7) % wordings.length) {
    letter += `${wordings[at]}\n\n`;
  }
  return letter.slice(0, LETTER_LENGTH);
});

const reference = referencePackage.createReferenceOverturn();
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

async function time(call: (text: string) => unknown | Promise<unknown>, round: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < CALLS_PER_ROUND; index++) {
    const text = letters[(index + round) % LETTERS] as string;
    const start = process.hrtime.bigint();
    await call(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

// Warm both paths (the rule set compiles, the stem cache fills) before timing.
for (const text of letters) {
  classifyDenial({ text });
  await reference.classifyDenial({ text });
}
const rounds: { compiled: number[]; reference: number[] }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const compiled = await time((text) => classifyDenial({ text }), round);
  const oracle = await time((text) => reference.classifyDenial({ text }), round);
  rounds.push({ compiled: compiled.sort((a, b) => a - b), reference: oracle.sort((a, b) => a - b) });
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const summary = (pick: (round: (typeof rounds)[number]) => number[], q: number) => {
  const values = rounds.map((round) => quantile(pick(round), q));
  return `${median([...values]).toFixed(3)} ms (rounds ${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
};
console.log(
  `classifyDenial on ${LETTERS} letters of ${LETTER_LENGTH.toLocaleString('en-US')} characters: ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls per engine, Node ${process.version}`,
);
console.log(
  `  compiled (overturn):           p50 ${summary((r) => r.compiled, 0.5)}, p99 ${summary((r) => r.compiled, 0.99)}`,
);
console.log(
  `  json-rules-engine (reference): p50 ${summary((r) => r.reference, 0.5)}, p99 ${summary((r) => r.reference, 0.99)}`,
);

// Allocation per letter, compiled engine: every allocation sampled (one in 512 bytes on average), including what
// the young generation collected before the profile was taken.
const ALLOCATION_CALLS = 200;
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 512,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let index = 0; index < ALLOCATION_CALLS; index++)
  classifyDenial({ text: letters[index % LETTERS] as string });
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();
type SampledNode = { selfSize: number; children: SampledNode[] };
const allocated = (node: SampledNode): number =>
  node.selfSize + node.children.reduce((sum, child) => sum + allocated(child), 0);
console.log(
  `  allocated per letter (compiled): ${(allocated(profile.head as SampledNode) / ALLOCATION_CALLS / 1024).toFixed(0)} KB (sampled over ${ALLOCATION_CALLS} calls)`,
);
