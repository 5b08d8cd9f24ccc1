import { createOverturn } from '../createOverturn/index.js';
import { createReferenceOverturn } from '../reference.js';
import { type Difference, describeDifference, fullDifferences, partialDifferences } from './compare.js';
import {
  compiledAnswer,
  type Fixture,
  type FixtureDomain,
  type FixtureLoadError,
  loadFixtureFiles,
  referenceAnswer,
} from './fixtureSuite.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';
import type { Colors } from './report.js';

/** Which engine answers: the compiled one, json-rules-engine, or both (and they must agree). */
export type EngineChoice = 'compiled' | 'reference' | 'both';
export type Reporter = 'text' | 'json' | 'junit';

/** The outcome of one fixture. */
export interface FixtureResult {
  domain: FixtureDomain;
  file: string;
  index?: number;
  name: string;
  passed: boolean;
  /** Where the answer differs from `expect`. */
  differences: Difference[];
  /** With `--engine both`: where json-rules-engine's answer differs from the compiled one. */
  engineDifferences: Difference[];
  ms: number;
}

export interface TestRun {
  results: FixtureResult[];
  loadErrors: FixtureLoadError[];
  ruleSet: { id: string; version: string };
}

/** Runs fixture files against a rule set (the bundled one by default). */
export async function runFixtures(
  paths: readonly string[],
  options: { rules?: string; engine: EngineChoice; domain?: FixtureDomain },
): Promise<TestRun> {
  const rules = options.rules ? loadRuleDirectory(options.rules) : undefined;
  const overturn = createOverturn(rules ? { rules } : {});
  const reference =
    options.engine === 'compiled' ? undefined : createReferenceOverturn(rules ? { rules } : {});
  const { fixtures, errors } = loadFixtureFiles(paths, options.domain);
  const results: FixtureResult[] = [];
  for (const fixture of fixtures) results.push(await runOne(fixture, overturn, reference, options.engine));
  return { results, loadErrors: errors, ruleSet: overturn.ruleSet };
}

async function runOne(
  fixture: Fixture,
  overturn: ReturnType<typeof createOverturn>,
  reference: ReturnType<typeof createReferenceOverturn> | undefined,
  engine: EngineChoice,
): Promise<FixtureResult> {
  const started = performance.now();
  const compiled = engine === 'reference' ? undefined : compiledAnswer(overturn, fixture);
  const oracle = reference ? await referenceAnswer(reference, fixture) : undefined;
  // Table-only domains have one implementation: the reference run is the compiled run.
  const answer = engine === 'reference' ? (oracle ?? compiledAnswer(overturn, fixture)) : compiled;
  const differences = partialDifferences(fixture.expect, answer);
  const engineDifferences =
    engine === 'both' && oracle !== undefined ? fullDifferences(compiled, oracle) : [];
  return {
    domain: fixture.domain,
    file: fixture.file,
    ...(fixture.index !== undefined ? { index: fixture.index } : {}),
    name: fixture.name,
    passed: differences.length === 0 && engineDifferences.length === 0,
    differences,
    engineDifferences,
    ms: performance.now() - started,
  };
}

/** The exit code of a run: 1 when any fixture failed or any file could not be read. */
export function exitCodeOf(run: TestRun): number {
  // No fixture at all is a failure: a suite that tests nothing must not pass.
  return run.loadErrors.length || !run.results.length || run.results.some((result) => !result.passed) ? 1 : 0;
}

/** The text report: failures in full, then counts by domain. */
export function textReport(run: TestRun, c: Colors, verbose = false): string {
  const out: string[] = [];
  for (const error of run.loadErrors) out.push(`${c.red('✗')} ${error.file}: ${error.message}`);
  if (!run.results.length && !run.loadErrors.length)
    out.push(`${c.red('✗')} no fixture found: nothing was tested`);
  for (const result of run.results) {
    if (result.passed) {
      if (verbose) out.push(`${c.green('✓')} ${c.dim(where(result))} ${result.name}`);
      continue;
    }
    out.push(`${c.red('✗')} ${c.dim(where(result))} ${c.bold(result.name)}`);
    for (const difference of result.differences) out.push(`    ${describeDifference(difference)}`);
    for (const difference of result.engineDifferences)
      out.push(
        `    ${c.yellow('engines disagree')} ${describeDifference(difference, { from: 'compiled', to: 'json-rules-engine' })}`,
      );
  }
  if (out.length) out.push('');
  const domains = [...new Set(run.results.map((result) => result.domain))];
  for (const domain of domains) {
    const inDomain = run.results.filter((result) => result.domain === domain);
    const failed = inDomain.filter((result) => !result.passed).length;
    out.push(
      `${domain.padEnd(12)} ${inDomain.length - failed} passed${failed ? `, ${c.red(`${failed} failed`)}` : ''}`,
    );
  }
  const failed = run.results.filter((result) => !result.passed).length;
  out.push(
    `${run.results.length} fixtures, ${failed ? c.red(`${failed} failed`) : run.results.length ? c.green('all passed') : c.red('none run')}${run.loadErrors.length ? `, ${c.red(`${run.loadErrors.length} files unreadable`)}` : ''} · rule set ${run.ruleSet.id} ${run.ruleSet.version}`,
  );
  return `${out.join('\n')}\n`;
}

function where(result: FixtureResult): string {
  return result.index !== undefined ? `${result.file}[${result.index}]` : result.file;
}

/** The JSON report: every result, with its differences. */
export function jsonReport(run: TestRun): string {
  const failed = run.results.filter((result) => !result.passed).length;
  return `${JSON.stringify(
    {
      ruleSet: run.ruleSet,
      total: run.results.length,
      passed: run.results.length - failed,
      failed,
      loadErrors: run.loadErrors,
      results: run.results.map(({ ms, ...result }) => ({ ...result, ms: Math.round(ms * 100) / 100 })),
    },
    null,
    2,
  )}\n`;
}

/** JUnit XML (the dialect Jenkins, GitLab and GitHub reporters read): one suite per domain. */
export function junitReport(run: TestRun): string {
  const domains = [...new Set(run.results.map((result) => result.domain))];
  const suites = domains.map((domain) => {
    const results = run.results.filter((result) => result.domain === domain);
    const failures = results.filter((result) => !result.passed).length;
    const time = results.reduce((sum, result) => sum + result.ms, 0) / 1000;
    const cases = results.map((result) => {
      const attributes = `name="${xml(result.name)}" classname="${xml(`${domain}.${where(result)}`)}" time="${(result.ms / 1000).toFixed(4)}"`;
      if (result.passed) return `    <testcase ${attributes}/>`;
      const lines = [
        ...result.differences.map((difference) => describeDifference(difference)),
        ...result.engineDifferences.map(
          (difference) =>
            `engines disagree ${describeDifference(difference, { from: 'compiled', to: 'json-rules-engine' })}`,
        ),
      ];
      return `    <testcase ${attributes}>\n      <failure message="${xml(lines[0] ?? 'failed')}" type="AssertionError">${xml(lines.join('\n'))}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="fixtures/${domain}" tests="${results.length}" failures="${failures}" errors="0" time="${time.toFixed(4)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  if (run.loadErrors.length) {
    const cases = run.loadErrors.map(
      (error) =>
        `    <testcase name="${xml(error.file)}" classname="load"><error message="${xml(error.message)}"/></testcase>`,
    );
    suites.push(
      `  <testsuite name="fixture files" tests="${run.loadErrors.length}" failures="0" errors="${run.loadErrors.length}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const failures = run.results.filter((result) => !result.passed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="overturn fixtures" tests="${run.results.length}" failures="${failures}" errors="${run.loadErrors.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
