/**
 * Whether `dist/` is older than what it is built from: the benchmarks refuse a stale build (bench/_paired.ts), and the
 * test suite (test/_helpers/globalSetup.ts) and the package checks' build step (scripts/build-if-stale.ts) rebuild one
 * ({@link buildWhenStale}), since they run the build rather than the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What tsup reads: the sources, the rule files, its config and the one script the config imports, the settings. */
const BUILD_INPUTS = [
  'src',
  'rules',
  'scripts/rule-digests.ts',
  'tsup.config.ts',
  'package.json',
  'tsconfig.json',
];

/**
 * The first build input (of the repository at `root`) changed after `builtFile` was written, or `builtFile` itself
 * when it is missing; undefined when the build is fresh.
 *
 * @example
 * ```ts
 * const stale = staleBuildInput(root, join(root, 'dist/cli.js'));
 * if (stale) throw new Error(`dist/ is older than ${stale}: run npm run build first`);
 * ```
 */
export function staleBuildInput(root: string, builtFile: string): string | undefined {
  if (!existsSync(builtFile)) return builtFile;
  const built = statSync(builtFile).mtimeMs;
  return BUILD_INPUTS.find((input) => newestUnder(join(root, input)) > built);
}

/** The newest modification time of the files under a path (a file, or a folder read recursively). */
function newestUnder(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true }))
    newest = Math.max(newest, newestUnder(join(path, entry.name)));
  return newest;
}

/**
 * Builds `dist/` (tsup, as `npm run build`) when `builtFile` is missing or older than a build input; the stale input,
 * or undefined when the build was fresh and nothing ran. `showBuild` lets tsup's report through (its errors always
 * are).
 *
 * @example
 * ```ts
 * buildWhenStale(root, join(root, 'dist/cli.js')); // undefined: nothing to build
 * ```
 */
export function buildWhenStale(
  root: string,
  builtFile: string,
  { showBuild = false }: { showBuild?: boolean } = {},
): string | undefined {
  const stale = staleBuildInput(root, builtFile);
  if (stale !== undefined)
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
      cwd: root,
      stdio: ['ignore', showBuild ? 'inherit' : 'ignore', 'inherit'],
    });
  return stale;
}
