import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Overturn } from '../createOverturn/index.js';
import { OverturnError } from '../errors.js';
import type { ReferenceOverturn } from '../reference.js';

/** The fixture domains: the folder names under `fixtures/`. */
export const FIXTURE_DOMAINS = ['denials', 'deadlines', 'specialists', 'sso', 'cases'] as const;
export type FixtureDomain = (typeof FIXTURE_DOMAINS)[number];

/** One analyst fixture, as read from its file. */
export interface Fixture {
  domain: FixtureDomain;
  /** The file, relative to the working directory, and the case's index when the file holds an array. */
  file: string;
  index?: number;
  name: string;
  input: unknown;
  expect: unknown;
}

/** A file that could not be read as fixtures. */
export interface FixtureLoadError {
  file: string;
  message: string;
}

/**
 * Reads fixture files from paths (files, or folders searched recursively for `.json`), in sorted order.
 * The domain is the name of a folder on the path (`fixtures/deadlines/…`), or `domain` when given.
 * Folders named `known-gaps` and `adapters` are skipped unless named themselves.
 */
export function loadFixtureFiles(
  paths: readonly string[],
  domain?: FixtureDomain,
): { fixtures: Fixture[]; errors: FixtureLoadError[] } {
  const fixtures: Fixture[] = [];
  const errors: FixtureLoadError[] = [];
  for (const file of paths.flatMap((path) => jsonFiles(path, errors))) {
    const shown = relative(process.cwd(), file) || file;
    const fileDomain = domain ?? domainOf(file);
    if (!fileDomain) {
      errors.push({
        file: shown,
        message: `cannot tell the domain: put the file under a folder named ${FIXTURE_DOMAINS.join(', ')} or pass --domain`,
      });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      errors.push({ file: shown, message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const cases = Array.isArray(parsed) ? parsed : [parsed];
    cases.forEach((item, index) => {
      const problem = fixtureProblem(item);
      const where = Array.isArray(parsed) ? { index } : {};
      if (problem) {
        errors.push({ file: Array.isArray(parsed) ? `${shown}[${index}]` : shown, message: problem });
        return;
      }
      const { name, input, expect } = item as { name: string; input: unknown; expect: unknown };
      fixtures.push({ domain: fileDomain, file: shown, ...where, name, input, expect });
    });
  }
  return { fixtures, errors };
}

function fixtureProblem(item: unknown): string | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item))
    return 'a fixture is an object { name, input, expect }';
  const record = item as Record<string, unknown>;
  if (typeof record.name !== 'string' || !record.name) return 'a fixture needs a `name`';
  if (!('input' in record)) return `fixture "${record.name}" has no \`input\``;
  if (!('expect' in record)) return `fixture "${record.name}" has no \`expect\``;
  return undefined;
}

function jsonFiles(path: string, errors: FixtureLoadError[]): string[] {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    errors.push({ file: path, message: 'no such file or folder' });
    return [];
  }
  if (stats.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = join(path, entry.name);
      // Known gaps fail by design; they run only when named (`overturn test fixtures/known-gaps`).
      // Adapter samples are FHIR resources and 835 files, not `{ name, input, expect }` fixtures.
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : jsonFiles(full, errors);
      return entry.name.endsWith('.json') ? [full] : [];
    });
}

const SKIPPED_FOLDERS = new Set(['known-gaps', 'adapters']);

/** The domain of a fixture file: the nearest folder named after one, else the file's own name (`known-gaps/denials.json`). */
function domainOf(file: string): FixtureDomain | undefined {
  const own = basename(file, '.json');
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const name = basename(dir);
    if ((FIXTURE_DOMAINS as readonly string[]).includes(name)) return name as FixtureDomain;
  }
  return (FIXTURE_DOMAINS as readonly string[]).includes(own) ? (own as FixtureDomain) : undefined;
}

/** A fixture's answer: the function's result, or the OverturnError it threw as `{ error }`. */
export type Answer = unknown;

/** Runs one fixture's input through the compiled engine. */
export function compiledAnswer(overturn: Overturn, fixture: Fixture): Answer {
  const run = {
    denials: overturn.classifyDenial,
    deadlines: overturn.computeAppealDeadline,
    specialists: overturn.recommendSpecialist,
    sso: overturn.requiresSecondSurgicalOpinion,
    cases: overturn.analyzeCase,
  }[fixture.domain] as (input: unknown) => unknown;
  return answerOf(() => run(fixture.input));
}

/**
 * Runs one fixture's input through json-rules-engine, for the domains whose decisions are rules
 * (denials and whole cases); the other domains are table lookups with one implementation, so undefined.
 */
export async function referenceAnswer(
  reference: ReferenceOverturn,
  fixture: Fixture,
): Promise<Answer | undefined> {
  if (fixture.domain === 'denials')
    return answerOfAsync(() => reference.classifyDenial(fixture.input as never));
  if (fixture.domain === 'cases') return answerOfAsync(() => reference.analyzeCase(fixture.input as never));
  return undefined;
}

/** The answer of `run`, or the OverturnError it throws as `{ error }` (anything else is rethrown). */
export function answerOf(run: () => unknown): Answer {
  try {
    return run();
  } catch (error) {
    return errorAnswer(error);
  }
}

/** {@link answerOf} for an asynchronous `run` (the reference engine). */
export async function answerOfAsync(run: () => Promise<unknown>): Promise<Answer> {
  try {
    return await run();
  } catch (error) {
    return errorAnswer(error);
  }
}

/** An OverturnError as a fixture sees it: `{ error: { code, path, issues } }` (path of the first issue). */
function errorAnswer(error: unknown): Answer {
  if (!(error instanceof OverturnError)) throw error;
  return { error: { code: error.code, path: error.issues[0]?.path, issues: error.issues } };
}
