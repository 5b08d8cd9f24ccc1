/**
 * The SHA-256 (hex) of each rule file of a rule-set folder, taken over its value as `JSON.stringify` writes it:
 * `manifest.json` and every file the manifest names. What the package build writes into
 * src/_lib/ruleDigests.ts (tsup.config.ts) and what `loadOverturn` compares a loaded rule set with; the tests
 * compute them the same way.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestFilePaths } from '../src/engine/ruleSet.js';

export function ruleDigests(folder: string): Record<string, string> {
  const read = (path: string): unknown => JSON.parse(readFileSync(join(folder, path), 'utf8'));
  const manifest = read('manifest.json') as { domains?: unknown };
  const digests: Record<string, string> = {};
  for (const path of ['manifest.json', ...manifestFilePaths(manifest.domains)])
    digests[path] = createHash('sha256')
      .update(JSON.stringify(read(path)))
      .digest('hex');
  return digests;
}
