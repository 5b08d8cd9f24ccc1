import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifestFilePaths, type RuleSetSource } from '../engine/ruleSet.js';
import { OverturnError } from '../errors.js';

/**
 * Reads a rule-set directory (a copy of `rules/`) into a {@link RuleSetSource}: `manifest.json` and
 * every file it names. Node only: the core takes objects, never paths.
 */
export function loadRuleDirectory(directory: string): RuleSetSource {
  const root = resolve(directory);
  const manifest = readJson(join(root, 'manifest.json'), 'manifest.json');
  const files: Record<string, unknown> = {};
  for (const path of manifestFilePaths((manifest as { domains?: unknown } | undefined)?.domains)) {
    // Read before validation: a path that climbs out of the directory is left to it to refuse.
    if (!path.includes('..')) files[path] = readJson(join(root, path), path, true);
  }
  return { manifest, files };
}

function readJson(path: string, name: string, optional = false): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    if (optional) return undefined; // reported by validation as "file is missing from the rule set"
    throw new OverturnError('INVALID_RULE_SET', [{ file: name, path: [], message: `cannot read ${path}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OverturnError('INVALID_RULE_SET', [
      { file: name, path: [], message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
}
