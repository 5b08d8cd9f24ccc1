import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { OverturnError, type OverturnIssue } from '../errors.js';
import type { RuleSetRef } from '../types.js';
import { editorSchemaShape } from './tables.js';

/**
 * A rule set as data: its manifest and the JSON of each file the manifest names, keyed by the path
 * written in the manifest (`classification/carc.json`). This is what `createOverturn({ rules })`
 * takes; the CLI builds one from a directory.
 */
export interface RuleSetSource {
  manifest: unknown;
  files: Readonly<Record<string, unknown>>;
}

const filePath = lazySchema(() =>
  z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*\.json$/,
      'a relative path to a .json file inside the rule set',
    ),
);

/** The domains a rule set provides and the files of each. */
export const manifestSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
      version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a semver version such as 1.2.0'),
      description: z.string().optional(),
      domains: z
        .object({
          classification: z
            .object({
              carc: filePath,
              rarc: filePath,
              phrases: filePath,
              decisions: filePath,
              /** Claim-system shorthand expanded before matching (optional: without it, none is). */
              abbreviations: filePath.optional(),
              /** The trained text model (optional: without it, only codes and phrase rules decide). */
              model: filePath.optional(),
            })
            .strict(),
          checklist: z.object({ items: filePath }).strict(),
          deadlines: z
            .object({ windows: filePath, decisions: filePath, thresholds: filePath, careSteps: filePath })
            .strict(),
          sso: z.object({ programs: filePath, procedures: filePath }).strict(),
          specialists: z
            .object({
              specialties: filePath,
              areas: filePath,
              procedures: filePath,
              context: filePath,
              /** ICD-10-CM titles and terms to search (optional: without it, only phrases name a condition). */
              conditionIndex: filePath.optional(),
            })
            .strict(),
          /** One file per jurisdiction, keyed by USPS code; a jurisdiction left out is answered conservatively. */
          states: z.record(z.string().regex(/^[A-Z]{2}$/, 'a USPS code in capitals, such as NY'), filePath),
        })
        .strict(),
    })
    .strict(),
);

export type RuleSetManifest = z.infer<typeof manifestSchema>;

/** How {@link IssueCollector.parseFile} treats a file; see the collector's constructor. */
export type FileCheck = 'validate' | 'trust' | 'prove';

/** Whether two JSON values are equal, whatever the order of their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => sameJson(item, other[index]));
  }
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return left.length === rightKeys.length && left.every(([key, value]) => sameJson(value, right[key]));
}

/** Collects issues across files so one load reports every problem, not just the first. */
export class IssueCollector {
  readonly issues: OverturnIssue[] = [];

  /**
   * @param files `validate` (the default): each file is parsed by its schema. `trust`: the files were proven
   *   valid before they were shipped and their schemas give them back unchanged, so {@link parseFile} hands
   *   them back unparsed (only for the bundled rule set, or files proven to be its own by their digests:
   *   loadOverturn; never for a caller's). `prove`: validate, and record
   *   an issue wherever a schema's output differs from its input (a default filled in, a value
   *   transformed): the check that makes `trust` safe, run by test/engine.ruleSet.test.ts.
   */
  constructor(private readonly files: FileCheck = 'validate') {}

  /**
   * Whether the files are checked: false for trusted (bundled, proven) files, whose checks across files a
   * domain may then skip as well, as the proof ran them.
   */
  get checksFiles(): boolean {
    return this.files !== 'trust';
  }

  /** Parses one file with its schema; returns undefined (and records issues) when it is invalid. */
  parseFile<T extends z.ZodType>(file: string, schema: T, value: unknown): z.output<T> | undefined {
    if (value === undefined) {
      this.issues.push({ file, path: [], message: 'file is missing from the rule set' });
      return undefined;
    }
    if (this.files === 'trust') return value as z.output<T>;
    const result = schema.safeParse(value);
    if (result.success) {
      if (this.files === 'prove' && !sameJson(result.data, value))
        this.issues.push({ file, path: [], message: 'its schema changes it (a default or a transform)' });
      return result.data;
    }
    for (const issue of result.error.issues) {
      const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
      this.issues.push({ file, path, message: issue.message, ...ruleIdAt(value, path) });
    }
    return undefined;
  }

  add(issue: OverturnIssue): void {
    this.issues.push(issue);
  }

  /** Throws `INVALID_RULE_SET` if anything was recorded. */
  throwIfAny(): void {
    if (this.issues.length) throw new OverturnError('INVALID_RULE_SET', this.issues);
  }
}

/** Finds the id of the rule or row an issue path points into (`rules[3]` → that rule's id). */
function ruleIdAt(root: unknown, path: (string | number)[]): { ruleId?: string } {
  if (path.length < 2 || (path[0] !== 'rules' && path[0] !== 'rows') || typeof path[1] !== 'number')
    return {};
  const list = (root as Record<string, unknown>)[path[0]];
  const item = Array.isArray(list) ? list[path[1]] : undefined;
  const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? { ruleId: id } : {};
}

/** Validates the manifest of a rule-set source. */
export function parseManifest(source: unknown, collector: IssueCollector): RuleSetManifest | undefined {
  if (!source || typeof source !== 'object' || Array.isArray(source)) {
    collector.add({ path: [], message: 'a rule set is an object { manifest, files }' });
    return undefined;
  }
  const { manifest, files } = source as Record<string, unknown>;
  if (!files || typeof files !== 'object' || Array.isArray(files)) {
    collector.add({
      path: ['files'],
      message: 'files must be an object mapping manifest paths to parsed JSON',
    });
  }
  return collector.parseFile('manifest.json', manifestSchema, manifest);
}

/** The reference to a rule set carried by every answer. */
export function ruleSetRef(manifest: RuleSetManifest): RuleSetRef {
  return { id: manifest.id, version: manifest.version };
}

/**
 * The path of every file a manifest's `domains` name (each domain maps names or USPS codes to paths), once each,
 * in the order they are written. Reads anything: what is not a path is skipped (validation reports it).
 *
 * @example
 * ```ts
 * manifestFilePaths({ sso: { programs: 'sso/programs.json' }, states: { NY: 'states/ny.json' } });
 * //=> ['sso/programs.json', 'states/ny.json']
 * ```
 */
export function manifestFilePaths(domains: unknown): string[] {
  const paths = new Set<string>();
  if (domains && typeof domains === 'object') {
    for (const domain of Object.values(domains)) {
      if (!domain || typeof domain !== 'object') continue;
      for (const path of Object.values(domain)) if (typeof path === 'string') paths.add(path);
    }
  }
  return [...paths];
}

/** Reads one file of the source, by the path the manifest gives. */
export function fileOf(source: RuleSetSource, path: string): unknown {
  return Object.hasOwn(source.files, path) ? source.files[path] : undefined;
}
