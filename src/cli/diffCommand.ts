import { createOverturn } from '../createOverturn/index.js';
import { type Difference, describeDifference, fullDifferences } from './compare.js';
import {
  compiledAnswer,
  type FixtureDomain,
  type FixtureLoadError,
  loadFixtureFiles,
} from './fixtureSuite.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';
import type { Colors } from './report.js';

/** A fixture whose answer changes between two rule sets. */
export interface ChangedCase {
  domain: FixtureDomain;
  file: string;
  index?: number;
  name: string;
  /** Field by field: `expected` is the base answer, `actual` the head answer. */
  changes: Difference[];
}

export interface DiffRun {
  base: { dir: string; id: string; version: string };
  head: { dir: string; id: string; version: string };
  /** Cases run per domain. */
  totals: Partial<Record<FixtureDomain, number>>;
  changed: ChangedCase[];
  loadErrors: FixtureLoadError[];
}

// Every answer names its rule set; a version bump alone is not a change of behaviour.
const RULE_SET_FIELD = /\.ruleSet(?:\.|$)/;

/** Runs every fixture under two rule-set directories and lists each answer that changes. */
export function runDiff(baseDir: string, headDir: string, paths: readonly string[]): DiffRun {
  const base = createOverturn({ rules: loadRuleDirectory(baseDir) });
  const head = createOverturn({ rules: loadRuleDirectory(headDir) });
  const { fixtures, errors } = loadFixtureFiles(paths);
  const totals: Partial<Record<FixtureDomain, number>> = {};
  const changed: ChangedCase[] = [];
  for (const fixture of fixtures) {
    totals[fixture.domain] = (totals[fixture.domain] ?? 0) + 1;
    const changes = fullDifferences(compiledAnswer(base, fixture), compiledAnswer(head, fixture)).filter(
      (difference) => !RULE_SET_FIELD.test(difference.path),
    );
    if (changes.length) {
      changed.push({
        domain: fixture.domain,
        file: fixture.file,
        ...(fixture.index !== undefined ? { index: fixture.index } : {}),
        name: fixture.name,
        changes,
      });
    }
  }
  return {
    base: { dir: baseDir, ...base.ruleSet },
    head: { dir: headDir, ...head.ruleSet },
    totals,
    changed,
    loadErrors: errors,
  };
}

/** The text report: each changed case with its fields (base → head), then a summary by domain. */
export function diffTextReport(run: DiffRun, c: Colors): string {
  const out = [
    c.bold(
      `base ${run.base.id} ${run.base.version} (${run.base.dir}) → head ${run.head.id} ${run.head.version} (${run.head.dir})`,
    ),
    '',
  ];
  for (const error of run.loadErrors) out.push(`${c.red('✗')} ${error.file}: ${error.message}`);
  for (const changed of run.changed) {
    const where = changed.index !== undefined ? `${changed.file}[${changed.index}]` : changed.file;
    out.push(`${c.yellow('~')} ${c.dim(where)} ${c.bold(changed.name)}`);
    for (const change of changed.changes)
      out.push(`    ${describeDifference(change, { from: c.red('base'), to: c.green('head') })}`);
  }
  if (run.changed.length) out.push('');
  for (const [domain, total] of Object.entries(run.totals)) {
    const count = run.changed.filter((changed) => changed.domain === domain).length;
    out.push(`${domain.padEnd(12)} ${count ? c.yellow(`${count} changed`) : 'no change'} of ${total}`);
  }
  const total = Object.values(run.totals).reduce((sum, n) => sum + (n ?? 0), 0);
  out.push(`${run.changed.length} of ${total} fixtures answer differently`);
  return `${out.join('\n')}\n`;
}

/** The JSON report. */
export function diffJsonReport(run: DiffRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
