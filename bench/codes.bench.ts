/**
 * Code-only classifyDenial against a hand-written baseline: a Map from each CARC/RARC code to its category,
 * read from the same code tables, after the same light clean-up of the code ("co 50" → "50"). The baseline
 * does no validation, no decision rules, no evidence and no warnings: it is the floor a classifier of codes
 * could reach, and the goal is to stay within 3 times of it.
 *
 * classifyDenial remembers the answer for each code set (a remittance repeats a few sets thousands of times),
 * so the paired figure is the speed on repeated sets. The third line is the worst case: every call a set
 * never seen (each input with one of 40 remark codes added, cycling through more sets than the store holds).
 *
 * All three run back to back in each round (paired), synchronously; medians and ranges over the rounds.
 * Run: npm run bench (or, after npm run build, npx tsx bench/codes.bench.ts)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import type { DenialInput } from '../src/index.js';
import { builtPackage, fixtureInputs } from './_paired.js';

const { classifyDenial } = (await builtPackage()).overturn;

const root = join(import.meta.dirname, '..');
const table = (name: string) =>
  (
    JSON.parse(readFileSync(join(root, 'rules/classification', name), 'utf8')) as {
      rows: { code: string; category: string | null }[];
    }
  ).rows;
const categories = new Map<string, string>();
for (const row of [...table('carc.json'), ...table('rarc.json')])
  if (row.category) categories.set(row.code, row.category);

/** The hand-written baseline: clean each code up, look it up, take the first category found. */
function lookUp(input: DenialInput): string {
  for (const raw of input.codes ?? []) {
    const code = raw
      .toUpperCase()
      .replace(/^(CO|CR|OA|PI|PR)[\s-]*/, '')
      .replace(/^0+(?=\d)/, '')
      .trim();
    const category = categories.get(code);
    if (category) return category;
  }
  return 'unknown';
}

// The code-only inputs of the denial fixtures: each fixture's codes, without its text.
const inputs = (await fixtureInputs<DenialInput>('denials'))
  .filter((input) => input.codes?.length)
  .map((input) => ({ codes: input.codes as string[] }));
for (const input of inputs) {
  classifyDenial(input);
  lookUp(input);
}
// Every input with one of 40 remark codes added: 5,520 sets, more than the 2,048 remembered, so each call
// is a miss.
const unseen: DenialInput[] = [];
for (const { code } of table('rarc.json').slice(0, 40)) {
  for (const input of inputs) unseen.push({ codes: [...(input.codes as string[]), code] });
}
let next = 0;

const rounds: { library: number; baseline: number; unseen: number }[] = [];
for (let round = 0; round < 7; round++) {
  const bench = new Bench({ time: 700, warmupTime: 100 });
  bench
    .add('classifyDenial', () => {
      for (const input of inputs) classifyDenial(input);
    })
    .add('map lookup', () => {
      for (const input of inputs) lookUp(input);
    })
    .add('classifyDenial, unseen sets', () => {
      for (let index = 0; index < inputs.length; index++) {
        classifyDenial(unseen[next] as DenialInput);
        next = (next + 1) % unseen.length;
      }
    });
  await bench.run();
  const perSecond = (name: string) => {
    const result = bench.getTask(name)?.result;
    return (inputs.length * 1000) / (result && 'latency' in result ? result.latency.mean : Number.NaN);
  };
  rounds.push({
    library: perSecond('classifyDenial'),
    baseline: perSecond('map lookup'),
    unseen: perSecond('classifyDenial, unseen sets'),
  });
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const slower = rounds.map((round) => round.baseline / round.library);
const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(
  `classifyDenial on codes alone: ${inputs.length} inputs per iteration, Node ${process.version}, 7 paired rounds`,
);
console.log(`  classifyDenial:             ${format(median(rounds.map((r) => r.library)))} calls/s (median)`);
console.log(
  `  hand-written map lookup:    ${format(median(rounds.map((r) => r.baseline)))} calls/s (median)`,
);
const unseenSlower = rounds.map((round) => round.baseline / round.unseen);
console.log(
  `  classifyDenial, every set unseen: ${format(median(rounds.map((r) => r.unseen)))} calls/s (median), ${median(unseenSlower).toFixed(1)}x slower than the map (range ${Math.min(...unseenSlower).toFixed(1)}–${Math.max(...unseenSlower).toFixed(1)}x)`,
);
console.log(
  `  classifyDenial is ${median(slower).toFixed(1)}x slower (range ${Math.min(...slower).toFixed(1)}–${Math.max(...slower).toFixed(1)}x); goal ≤ 3x`,
);
