/**
 * The package checks' build step (`npm run check:package`, the end of `npm test`): builds `dist/` only when it is
 * missing or older than what it is built from (scripts/build-freshness.ts's {@link buildWhenStale}, as the unit
 * tests' global setup does). A clean install has built it already (`npm ci` runs `prepare`), so on CI this step has
 * nothing to do and a second tsup run (about 45 s of a ten-minute budget on the project's machine) is saved; the
 * package checks after it read a build of exactly the sources either way.
 *
 * @example
 * ```sh
 * tsx scripts/build-if-stale.ts   # "dist/ is newer than everything it is built from" or a build
 * ```
 */
import { join } from 'node:path';
import { buildWhenStale } from './build-freshness.js';

const root = join(import.meta.dirname, '..');
const stale = buildWhenStale(root, join(root, 'dist', 'cli.js'), { showBuild: true });
console.log(
  stale === undefined
    ? 'dist/ is newer than everything it is built from: no build needed'
    : `dist/ was older than ${stale}: built`,
);
