import { join } from 'node:path';
import { buildWhenStale } from '../../scripts/build-freshness.js';
import { CLI } from './cli.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * Builds `dist/` before the suite when it is missing or older than what it is built from, since the CLI tests
 * spawn the build (`cli.ts`). A clean install builds it already (`npm ci` runs `prepare`), so CI never rebuilds
 * here; a developer who has just edited a source file gets a build of it, not a stale one.
 */
export default function buildBeforeTheSuite(): void {
  buildWhenStale(root, CLI);
}
