/**
 * classifyDenial: the compiled engine against json-rules-engine running the same rule set.
 *
 * Both paths share input validation and code/phrase lookup; they differ only in how the decision rules
 * are evaluated (compiled closures vs json-rules-engine, one engine reused, runs sequential). Each
 * iteration classifies every input of fixtures/denials once, so per-call timer overhead is amortised.
 * Run: npm run bench
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { classifyDenial, type DenialInput } from '../src/index.js';
import { createReferenceOverturn } from '../src/reference.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'denials');
const inputs: DenialInput[] = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .flatMap((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { input: DenialInput }[])
  .map((fixture) => fixture.input);

const reference = createReferenceOverturn();
// Warm both paths (and compile the rule set) before timing.
for (const input of inputs) {
  classifyDenial(input);
  await reference.classifyDenial(input);
}

// Paired rounds: each round times both paths back to back, so a change in background load hits both;
// the figures reported are the medians over the rounds.
const ROUNDS = 7;
const perSecond = (bench: Bench, name: string) => {
  const task = bench.getTask(name);
  const mean = task?.result && 'latency' in task.result ? task.result.latency.mean : Number.NaN;
  return (inputs.length * 1000) / mean;
};
const rounds: { compiled: number; oracle: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const bench = new Bench({ time: 700, warmupTime: 100 });
  bench
    .add('compiled', () => {
      for (const input of inputs) classifyDenial(input);
    })
    .add('reference', async () => {
      for (const input of inputs) await reference.classifyDenial(input);
    });
  await bench.run();
  rounds.push({ compiled: perSecond(bench, 'compiled'), oracle: perSecond(bench, 'reference') });
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const compiled = median(rounds.map((r) => r.compiled));
const oracle = median(rounds.map((r) => r.oracle));
const ratio = median(rounds.map((r) => r.compiled / r.oracle));
const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(
  `inputs per iteration: ${inputs.length} (fixtures/denials), Node ${process.version}, ${ROUNDS} paired rounds`,
);
console.log(`compiled (overturn):           ${format(compiled)} decisions/s (median)`);
console.log(`json-rules-engine (reference): ${format(oracle)} decisions/s (median)`);
console.log(
  `ratio: ${ratio.toFixed(1)}x (median of per-round ratios; range ${Math.min(...rounds.map((r) => r.compiled / r.oracle)).toFixed(1)}–${Math.max(...rounds.map((r) => r.compiled / r.oracle)).toFixed(1)}x)`,
);
