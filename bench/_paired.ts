import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { staleBuildInput } from '../scripts/build-freshness.js';

const dist = join(import.meta.dirname, '..', 'dist');

/**
 * The package as npm ships it (`dist/`, built by `npm run build`): its entry point and its reference engine. The
 * benchmarks time this build, not the TypeScript sources run through tsx, whose transform keeps every function's
 * name with a helper call where a closure is made per call, a cost no user pays. Types still come from the sources.
 */
export async function builtPackage(): Promise<{
  overturn: typeof import('../src/index.js');
  reference: typeof import('../src/reference.js');
}> {
  const entry = join(dist, 'index.js');
  if (!existsSync(entry)) throw new Error('the benchmarks time dist/: run npm run build first');
  // A build older than the sources or the rules would time code that is no longer there.
  const stale = staleBuildInput(join(dist, '..'), entry);
  if (stale) throw new Error(`dist/ is older than ${stale}: run npm run build first`);
  return {
    overturn: (await import(pathToFileURL(entry).href)) as typeof import('../src/index.js'),
    reference: (await import(
      pathToFileURL(join(dist, 'reference.js')).href
    )) as typeof import('../src/reference.js'),
  };
}

/**
 * Times the compiled engine against json-rules-engine in paired rounds: each round runs both back to
 * back, so a change in background load hits both; the figures reported are medians over the rounds.
 * Each iteration runs every input once, so per-call timer overhead is amortised.
 */
export async function pairedBenchmark<Input>(options: {
  label: string;
  inputs: readonly Input[];
  compiled: (input: Input) => unknown;
  reference: (input: Input) => Promise<unknown>;
  rounds?: number;
}): Promise<void> {
  const { inputs, compiled, reference, rounds: roundCount = 7 } = options;
  // Warm both paths (and compile the rule set) before timing.
  for (const input of inputs) {
    compiled(input);
    await reference(input);
  }
  const perSecond = (bench: Bench, name: string) => {
    const task = bench.getTask(name);
    const mean = task?.result && 'latency' in task.result ? task.result.latency.mean : Number.NaN;
    return (inputs.length * 1000) / mean;
  };
  const rounds: { compiled: number; oracle: number }[] = [];
  for (let round = 0; round < roundCount; round++) {
    const bench = new Bench({ time: 700, warmupTime: 100 });
    bench
      .add('compiled', () => {
        for (const input of inputs) compiled(input);
      })
      .add('reference', async () => {
        for (const input of inputs) await reference(input);
      });
    await bench.run();
    rounds.push({ compiled: perSecond(bench, 'compiled'), oracle: perSecond(bench, 'reference') });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const ratios = rounds.map((r) => r.compiled / r.oracle);
  const format = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(
    `${options.label}: ${inputs.length} inputs per iteration, Node ${process.version}, ${roundCount} paired rounds`,
  );
  console.log(
    `  compiled (overturn):           ${format(median(rounds.map((r) => r.compiled)))} calls/s (median)`,
  );
  console.log(
    `  json-rules-engine (reference): ${format(median(rounds.map((r) => r.oracle)))} calls/s (median)`,
  );
  console.log(
    `  ratio: ${median([...ratios]).toFixed(1)}x (median of per-round ratios; range ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}x)`,
  );
}

/** The `input` of every fixture in `fixtures/<domain>` (one case or an array per file). */
export async function fixtureInputs<Input>(domain: string): Promise<Input[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(import.meta.dirname, '..', 'fixtures', domain);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as
        | { input: Input }
        | { input: Input }[];
      return Array.isArray(parsed) ? parsed : [parsed];
    })
    .map((fixture) => fixture.input);
}
