/**
 * `npm test`'s build step: builds `dist/` only when it is missing or older than what it is built from
 * (scripts/build-freshness.ts, the check the unit tests' global setup and the benchmarks use). A clean install has
 * built it already (`npm ci` runs `prepare`), so on CI this step has nothing to do and a second tsup run (about
 * 45 s of a ten-minute budget on the project's machine) is saved; the package checks after it read a build of
 * exactly the sources either way.
 *
 * @example
 * ```sh
 * tsx scripts/build-if-stale.ts   # "dist/ is newer than everything it is built from" or a build
 * ```
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { staleBuildInput } from './build-freshness.js';

const root = join(import.meta.dirname, '..');
const stale = staleBuildInput(root, join(root, 'dist', 'cli.js'));
if (stale === undefined) {
  console.log('dist/ is newer than everything it is built from: no build needed');
} else {
  console.log(`dist/ is older than ${stale}: building`);
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
    cwd: root,
    stdio: 'inherit',
  });
}
