import { BUNDLED_RULE_DIGESTS } from '../_lib/ruleDigests.js';
import { bindOverturn, type Overturn } from '../createOverturn/bindOverturn.js';
import { compileRuleSet } from '../engine/compile.js';
import { IssueCollector, manifestFilePaths, parseManifest, type RuleSetSource } from '../engine/ruleSet.js';
import { OverturnError } from '../errors.js';

/**
 * Reads one file of a rule set by its path (`manifest.json`, `states/ny.json`): its parsed JSON, or its JSON text
 * (a string is parsed: every rule file is an object).
 */
export type RuleFileReader = (path: string) => unknown | Promise<unknown>;

/** The overturn functions bound to a rule set read by {@link loadOverturn}. */
export interface LoadedOverturn extends Overturn {
  /**
   * Whether every file read was the bundled rule set's own (its SHA-256 as JSON matched the digest the package
   * build recorded), so the set was compiled without validating it again; false: it was validated in full.
   */
  verified: boolean;
}

/**
 * Binds the overturn functions to a rule set read file by file, for a page or a worker that should not carry the
 * rule data in its code: `overturn/core` bundles none (about a quarter of a megabyte for every function, against
 * some 2 MB for `analyzeCase` from `overturn`), and the data is fetched when the page needs it, cached like any
 * static file. `read` is called with `manifest.json`, then with every path the manifest lists (at once: a
 * fetch each, or one read of a combined file). A set whose files are the package's own (`node_modules/overturn/
 * rules/`, served as they are) is recognised by digest and compiled as the bundled set is, without validating
 * it again; any other is validated in full, as {@link createOverturn} validates a caller's rule set.
 *
 * Throws `OverturnError('INVALID_RULE_SET')` when a file cannot be read (its path in `file`) or the set is
 * invalid.
 *
 * @example
 * ```ts
 * import { loadOverturn } from 'overturn/core';
 *
 * // The package's rules/ folder, served at /overturn-rules/.
 * const overturn = await loadOverturn(async (path) => (await fetch(`/overturn-rules/${path}`)).json());
 * overturn.classifyDenial({ codes: ['CO-50'] }).category; //=> 'medical_necessity'
 * overturn.verified; //=> true
 * ```
 */
export async function loadOverturn(read: RuleFileReader): Promise<LoadedOverturn> {
  return loadOverturnWith(read, BUNDLED_RULE_DIGESTS);
}

/** {@link loadOverturn} against given digests (the tests' own; the package's are written at build time). */
export async function loadOverturnWith(
  read: RuleFileReader,
  digests: Readonly<Record<string, string>> | undefined,
): Promise<LoadedOverturn> {
  const manifest = await readFile(read, 'manifest.json');
  const collector = new IssueCollector();
  const parsed = parseManifest({ manifest, files: {} }, collector);
  collector.throwIfAny();
  const paths = parsed ? manifestFilePaths(parsed.domains) : [];
  const values = await Promise.all(paths.map((path) => readFile(read, path)));
  const source: RuleSetSource = {
    manifest,
    files: Object.fromEntries(paths.map((path, index) => [path, values[index]])),
  };
  const verified = await matchesDigests(digests, ['manifest.json', ...paths], [manifest, ...values]);
  const compiled = compileRuleSet(source, verified ? { files: 'trust' } : {});
  return { ...bindOverturn(compiled), verified };
}

/** A file read (and parsed, when it came as text), or an `INVALID_RULE_SET` naming it. */
async function readFile(read: RuleFileReader, path: string): Promise<unknown> {
  let value: unknown;
  try {
    value = await read(path);
  } catch (error) {
    throw unreadable(path, 'could not be read', error);
  }
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw unreadable(path, 'not valid JSON', error);
  }
}

function unreadable(path: string, what: string, error: unknown): OverturnError {
  const reason = error instanceof Error ? error.message : String(error);
  return new OverturnError('INVALID_RULE_SET', [{ file: path, path: [], message: `${what}: ${reason}` }]);
}

/** What this module needs of Web Crypto (in browsers' secure pages, workers, Node 19 and later). */
interface WebDigest {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * Whether each value's JSON has the digest recorded for its path. False where no digests are known, where the
 * runtime has no Web Crypto (an insecure page), or where any file differs: the set is then validated in full.
 */
async function matchesDigests(
  digests: Readonly<Record<string, string>> | undefined,
  paths: readonly string[],
  values: readonly unknown[],
): Promise<boolean> {
  const subtle = (globalThis as { crypto?: { subtle?: WebDigest } }).crypto?.subtle;
  if (!digests || !subtle || paths.length !== Object.keys(digests).length) return false;
  const encoder = new TextEncoder();
  const found = await Promise.all(
    values.map(async (value) => {
      const text = JSON.stringify(value);
      if (typeof text !== 'string') return '';
      const digest = new Uint8Array(await subtle.digest('SHA-256', encoder.encode(text)));
      return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    }),
  );
  return paths.every((path, index) => digests[path] === found[index]);
}
