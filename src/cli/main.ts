#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type AppealDeadline,
  createOverturn,
  type DenialClassification,
  OverturnError,
  type SpecialistRecommendation,
} from '../index.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';

const USAGE = `Usage: overturn classify <denial.json | case.json | -> [more files] [--json] [--rules <dir>] [--as-of YYYY-MM-DD]
       overturn deadline <deadline.json | case.json | -> [more files] [--json] [--rules <dir>] [--as-of YYYY-MM-DD]

  classify   classify a denial (a DenialInput, or a case file with a "denial" field); for a case file with a
             plan type and a notice or receipt date, also the appeal deadline
  deadline   compute the appeal deadline (a DeadlineInput, or the same fields of a case file)
  --json     print the answer as JSON
  --rules    use the rule set in this directory instead of the bundled one
  --as-of    today's date for days remaining (default: the file's asOf, else the system date)
`;

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      rules: { type: 'string' },
      'as-of': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...files] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (command !== 'classify' && command !== 'deadline') {
    process.stderr.write(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) files.push('-');
  const overturn = createOverturn(values.rules ? { rules: loadRuleDirectory(values.rules) } : {});
  let failed = false;
  for (const file of files) {
    try {
      const parsed: unknown = JSON.parse(file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8'));
      const caseFile = isCase(parsed) ? parsed : undefined;
      const asOf = values['as-of'] ?? (caseFile?.asOf as string | undefined) ?? today();
      if (command === 'deadline') {
        const deadline = overturn.computeAppealDeadline(
          deadlineInputOf(caseFile ?? (parsed as Record<string, unknown>), asOf) as never,
        );
        process.stdout.write(
          values.json ? `${JSON.stringify(deadline, null, 2)}\n` : `${file}\n${deadlineReport(deadline)}\n`,
        );
        continue;
      }
      const result = overturn.classifyDenial((caseFile ? caseFile.denial : parsed) as never);
      const deadline =
        caseFile?.planType && (caseFile.noticeDate || caseFile.receivedDate)
          ? overturn.computeAppealDeadline(deadlineInputOf(caseFile, asOf) as never)
          : undefined;
      const specialistInput = caseFile ? specialistInputOf(caseFile, result.category) : undefined;
      const specialist =
        specialistInput && result.secondOpinionHelps
          ? overturn.recommendSpecialist(specialistInput as never)
          : undefined;
      const sso =
        caseFile && typeof caseFile.procedure === 'string' && caseFile.planType
          ? overturn.requiresSecondSurgicalOpinion({
              procedure: caseFile.procedure,
              planType: caseFile.planType,
              ...(caseFile.state ? { state: caseFile.state } : {}),
              ...(caseFile.urgent !== undefined ? { urgent: caseFile.urgent } : {}),
            } as never)
          : undefined;
      if (values.json) {
        const full =
          deadline || specialist || sso ? { classification: result, deadline, specialist, sso } : result;
        process.stdout.write(`${JSON.stringify(full, null, 2)}\n`);
      } else {
        const parts = [
          report(file, result),
          deadline ? `${deadlineReport(deadline)}\n` : '',
          specialist ? `${specialistReport(specialist)}\n` : '',
          sso ? `  surgical opinion: ${sso.requirement.replace('_', ' ')}: ${sso.reason}\n` : '',
        ];
        process.stdout.write(`${parts.join('')}\n`);
      }
    } catch (error) {
      failed = true;
      process.stderr.write(describeError(file, error));
    }
  }
  return failed ? 1 : 0;
}

type CaseFile = Record<string, unknown> & { denial: unknown };

function isCase(value: unknown): value is CaseFile {
  return Boolean(value && typeof value === 'object' && !Array.isArray(value) && 'denial' in value);
}

/** The deadline fields of a case file (or a DeadlineInput as it is), with asOf. */
function deadlineInputOf(source: Record<string, unknown>, asOf: string): Record<string, unknown> {
  const keys = [
    'planType',
    'level',
    'noticeDate',
    'receivedDate',
    'urgent',
    'state',
    'planWindow',
    'serviceTiming',
  ];
  const input: Record<string, unknown> = { asOf };
  for (const key of keys) if (source[key] !== undefined) input[key] = source[key];
  if (input.serviceTiming === undefined && isCase(source)) {
    const stage = (source.denial as { stage?: string } | undefined)?.stage;
    if (stage === 'prior_authorization' || stage === 'concurrent_review') input.serviceTiming = 'pre_service';
    else if (stage === 'claim') input.serviceTiming = 'post_service';
  }
  return input;
}

/** The specialist fields of a case file, with the denial category; undefined when it names no condition. */
function specialistInputOf(source: CaseFile, category: string): Record<string, unknown> | undefined {
  const input: Record<string, unknown> = {};
  for (const key of ['icd10', 'condition', 'procedure', 'claimType'])
    if (source[key] !== undefined) input[key] = source[key];
  if (Object.keys(input).length === 0) return undefined;
  if (category !== 'unknown') input.denialCategory = category;
  return input;
}

function specialistReport(recommendation: SpecialistRecommendation): string {
  const lines = [
    `  specialist:      ${recommendation.specialty.name} (NUCC ${recommendation.specialty.taxonomyCode}${recommendation.specialty.board ? `, ${recommendation.specialty.board}` : ''})`,
  ];
  if (recommendation.subspecialty) {
    lines.push(
      `  preferably:      ${recommendation.subspecialty.name} (NUCC ${recommendation.subspecialty.taxonomyCode})`,
    );
  }
  if (recommendation.guidelines.length)
    lines.push(`  cite:            ${recommendation.guidelines.join('; ')}`);
  return lines.join('\n');
}

/** The CLI may read the clock (the core never does): today's date in the local time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function deadlineReport(deadline: AppealDeadline): string {
  const lines = [
    `  appeal by:       ${deadline.weekday} ${deadline.deadline} (${deadline.level.replaceAll('_', ' ')}, ${deadline.window.amount} ${deadline.window.unit} from ${deadline.clockStart.event === 'receipt' ? 'receipt' : 'the notice date'} ${deadline.clockStart.date}${deadline.clockStart.presumed ? ', presumed' : ''})`,
    `  rule:            ${deadline.citation} [${deadline.ruleStatus}]`,
  ];
  if (deadline.daysRemaining !== undefined) {
    lines.push(`  status:          ${deadline.status}, ${deadline.daysRemaining} days remaining`);
  }
  if (deadline.decisionDue) {
    lines.push(
      `  decision due:    within ${deadline.decisionDue.amount} ${deadline.decisionDue.unit} (${deadline.decisionDue.citation})`,
    );
  }
  if (deadline.nextLevels.length)
    lines.push(`  then:            ${deadline.nextLevels.join(' → ').replaceAll('_', ' ')}`);
  for (const warning of deadline.warnings) lines.push(`  ! ${warning}`);
  return lines.join('\n');
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
  lines.push(`  rule set ${result.ruleSet.id} ${result.ruleSet.version}`);
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
