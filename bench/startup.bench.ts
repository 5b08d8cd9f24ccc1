/**
 * What a fresh process pays for overturn: `import 'overturn'` (the built `dist/index.js`) over a bare node, and
 * the first analyzeCase. Each round starts fresh processes back to back, a bare `node -e 0` and a node that
 * imports overturn and analyses one example case, so a change in the shared machine's load hits both; the
 * figures are medians and ranges over the rounds. Run `npm run build` first.
 *
 *   npx tsx bench/startup.bench.ts [rounds]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist/index.js');
if (!existsSync(dist))
  throw new Error('bench/startup.bench.ts measures dist/index.js: run npm run build first');
const rounds = Number(process.argv[2] ?? 9);
const example = join(root, 'examples/knee-replacement-necessity.json');

// In the child: the time to import, then to analyse the example once, then once more (warm).
const child = `
const t0 = performance.now();
const overturn = await import(${JSON.stringify(pathToFileURL(dist).href)});
const t1 = performance.now();
const input = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(example)}, 'utf8'));
overturn.analyzeCase(input);
const t2 = performance.now();
overturn.analyzeCase(input);
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, warmMs: t3 - t2 }));
`;

const wall = (args: string[]): { ms: number; out: string } => {
  const started = performance.now();
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return { ms: performance.now() - started, out };
};

const samples: { bare: number; withImport: number; importMs: number; firstMs: number; warmMs: number }[] = [];
wall(['-e', '0']); // warm the file cache
for (let round = 0; round < rounds; round++) {
  const bare = wall(['-e', '0']).ms;
  const run = wall(['--input-type=module', '-e', child]);
  samples.push({
    bare,
    withImport: run.ms,
    ...(JSON.parse(run.out) as Omit<(typeof samples)[number], 'bare' | 'withImport'>),
  });
}

// What each import costs on its own: each dependency, then overturn once they are loaded (its own code and data).
const importChild = (modules: string[]) => `
const times = [];
for (const name of ${JSON.stringify(modules)}) {
  const started = performance.now();
  await import(name);
  times.push(performance.now() - started);
}
console.log(JSON.stringify(times));
`;
// zod and the stemmer are bundled into overturn (tsup.config.ts): their cost is inside overturn's own line.
const parts = ['minisearch', 'ical-generator', pathToFileURL(dist).href];
const partNames = [
  'minisearch',
  'ical-generator',
  'overturn itself (code, bundled zod and stemmer, rule data)',
];
const partTimes: number[][] = parts.map(() => []);
for (let round = 0; round < rounds; round++) {
  const times = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', importChild(parts)], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as number[];
  times.forEach((ms, index) => {
    partTimes[index]?.push(ms);
  });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `${median.toFixed(1)} ms (range ${(sorted[0] as number).toFixed(1)}–${(sorted.at(-1) as number).toFixed(1)})`;
};
console.log(`startup: ${rounds} paired rounds of fresh processes, Node ${process.version}`);
console.log(`  bare node -e 0:                           ${stats(samples.map((s) => s.bare))}`);
console.log(
  `  import overturn + first analyzeCase, wall: ${stats(samples.map((s) => s.withImport - s.bare))} over bare node`,
);
console.log(
  `  import 'overturn' (in process):            ${stats(samples.map((s) => s.importMs))}   goal ≤ 60 ms`,
);
console.log(
  `  first analyzeCase (fresh process):         ${stats(samples.map((s) => s.firstMs))}   goal ≤ 40 ms`,
);
console.log(`  second analyzeCase (warm):                 ${stats(samples.map((s) => s.warmMs))}`);
console.log('  what each import costs (in process, each after the ones above it):');
partNames.forEach((name, index) => {
  console.log(`    ${name.padEnd(38)} ${stats(partTimes[index] as number[])}`);
});
