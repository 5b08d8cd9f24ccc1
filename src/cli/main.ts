#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createOverturn, type DenialClassification, OverturnError } from '../index.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';

const USAGE = `Usage: overturn classify <denial.json | case.json | -> [more files] [--json] [--rules <dir>]

  classify   classify a denial (a DenialInput, or a case file with a "denial" field)
  --json     print the classification as JSON
  --rules    use the rule set in this directory instead of the bundled one
`;

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...files] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (command !== 'classify') {
    process.stderr.write(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) files.push('-');
  const overturn = createOverturn(values.rules ? { rules: loadRuleDirectory(values.rules) } : {});
  let failed = false;
  for (const file of files) {
    try {
      const parsed: unknown = JSON.parse(file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8'));
      const denial = isCase(parsed) ? parsed.denial : parsed;
      const result = overturn.classifyDenial(denial as never);
      process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : report(file, result));
    } catch (error) {
      failed = true;
      process.stderr.write(describeError(file, error));
    }
  }
  return failed ? 1 : 0;
}

function isCase(value: unknown): value is { denial: unknown } {
  return Boolean(value && typeof value === 'object' && !Array.isArray(value) && 'denial' in value);
}

function report(file: string, result: DenialClassification): string {
  const lines = [
    `${file}`,
    `  category:        ${result.category} (${result.disputeKind}, confidence ${result.confidence})`,
    `  second opinion:  ${result.secondOpinionHelps ? 'can help: this turns on medical judgment' : 'will not change this: fix and resubmit'}`,
    `  external review: ${result.externalReviewEligible ? 'eligible (45 CFR 147.136 categories)' : 'not for this kind of denial'}`,
    '  evidence:',
    ...result.evidence.map(
      (item) =>
        `    - ${item.kind} ${item.value}${item.label ? ` (${item.label})` : ''} → ${item.category ?? 'signal'} [${item.ruleId}]`,
    ),
  ];
  if (result.candidates.length > 1) {
    lines.push(
      `  also considered: ${result.candidates
        .slice(1)
        .map((c) => `${c.category} ${c.score}`)
        .join(', ')}`,
    );
  }
  for (const warning of result.warnings) lines.push(`  ! ${warning}`);
  lines.push(`  rule set ${result.ruleSet.id} ${result.ruleSet.version}`, '');
  return `${lines.join('\n')}\n`;
}

function describeError(file: string, error: unknown): string {
  if (error instanceof OverturnError) {
    const issues = error.issues.map(
      (issue) =>
        `  - ${[issue.file, issue.ruleId, issue.path.join('.')].filter(Boolean).join(' ') || '(root)'}: ${issue.message}`,
    );
    return `${file}: ${error.code}\n${issues.join('\n')}\n`;
  }
  if (error instanceof SyntaxError) return `${file}: not valid JSON: ${error.message}\n`;
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT')
    return `${file}: no such file\n`;
  return `${file}: ${error instanceof Error ? error.message : String(error)}\n`;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(describeError('overturn', error));
  process.exitCode = 2;
}
