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

const bench = new Bench({ time: 3000, warmupTime: 500 });
bench
  .add('compiled (overturn)', () => {
    for (const input of inputs) classifyDenial(input);
  })
  .add('json-rules-engine (reference)', async () => {
    for (const input of inputs) await reference.classifyDenial(input);
  });
await bench.run();

const perSecond = (name: string) => {
  const task = bench.getTask(name);
  const mean = task?.result && 'latency' in task.result ? task.result.latency.mean : Number.NaN;
  return (inputs.length * 1000) / mean;
};
const compiled = perSecond('compiled (overturn)');
const oracle = perSecond('json-rules-engine (reference)');
const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(`inputs per iteration: ${inputs.length} (fixtures/denials), Node ${process.version}`);
console.log(`compiled (overturn):           ${format(compiled)} decisions/s`);
console.log(`json-rules-engine (reference): ${format(oracle)} decisions/s`);
console.log(`ratio: ${(compiled / oracle).toFixed(1)}x`);
