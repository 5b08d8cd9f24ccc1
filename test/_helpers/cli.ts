import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * The command line as the tests spawn it: the built `dist/cli.js`, what npm ships and `overturn` runs, rather than
 * `src/cli/main.ts` through tsx. A spawn through tsx cost about 2 s of CPU against about 0.4 s for the build, and
 * the tests spawn the CLI about a hundred times: the eight files that do took 224 s through tsx and 139 s built (a
 * rebuild included), alternated on this machine on 2026-12-07. The global setup (`globalSetup.ts`) rebuilds `dist/`
 * first whenever a source or rule file is newer than it, so a test never runs a stale build.
 *
 * @example
 * ```ts
 * spawnSync(process.execPath, [CLI, 'classify', 'examples/medicare-redetermination.json'], { cwd: root });
 * ```
 */
export const CLI = join(root, 'dist', 'cli.js');
