/**
 * Generates fixtures/REPORT.md: one table per fixture domain, input → answer, from the bundled rule set.
 * Committed, so that a rule change shows up in review as a diff of answers (like date-fns's locale
 * snapshots); test/report.test.ts fails when it is stale. Run: npm run report
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseAnalysis } from '../src/analyzeCase/types.js';
import {
  compiledAnswer,
  type Fixture,
  type FixtureDomain,
  loadFixtureFiles,
} from '../src/cli/fixtureSuite.js';
import { createOverturn } from '../src/index.js';
import type { SpecialistRecommendation } from '../src/recommendSpecialist/types.js';
import type { SsoDecision } from '../src/requiresSecondSurgicalOpinion/types.js';
import type { AppealDeadline, DenialClassification } from '../src/types.js';

const root = join(import.meta.dirname, '..');
const target = join(root, 'fixtures', 'REPORT.md');

type Row = [input: string, answer: string];

/** Cell text: one line, pipes escaped, long text cut. */
function cell(value: unknown, max = 90): string {
  const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replaceAll('|', '\\|');
}

function fields(input: unknown, keys: readonly string[]): string {
  const record = (input ?? {}) as Record<string, unknown>;
  return keys
    .filter((key) => record[key] !== undefined)
    .map((key) => `${key}=${typeof record[key] === 'string' ? record[key] : JSON.stringify(record[key])}`)
    .join(' ');
}

function errorText(answer: unknown): string | undefined {
  const error = (answer as { error?: { code: string; issues: { path: unknown[]; message: string }[] } })
    .error;
  if (!error) return undefined;
  const first = error.issues[0];
  return `**${error.code}** ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : ''}`;
}

const DESCRIBE: Record<
  FixtureDomain,
  { heading: string; columns: [string, string]; row(fixture: Fixture, answer: unknown): Row }
> = {
  denials: {
    heading: 'Denials: classifyDenial',
    columns: ['codes · stage · text', 'category · kind · confidence'],
    row(fixture, answer) {
      const input = (fixture.input ?? {}) as { codes?: string[]; text?: string; stage?: string };
      const result = answer as DenialClassification;
      return [
        [input.codes?.join(' '), input.stage, input.text ? `“${cell(input.text, 70)}”` : undefined]
          .filter(Boolean)
          .join(' · '),
        errorText(answer) ?? `${result.category} · ${result.disputeKind} · ${result.confidence}`,
      ];
    },
  },
  deadlines: {
    heading: 'Deadlines: computeAppealDeadline',
    columns: ['input', 'deadline · rule'],
    row(fixture, answer) {
      const result = answer as AppealDeadline;
      return [
        fields(fixture.input, [
          'planType',
          'level',
          'noticeDate',
          'receivedDate',
          'urgent',
          'state',
          'funding',
          'planWindow',
          'serviceTiming',
          'careEnding',
          'careEndDate',
          'asOf',
        ]),
        errorText(answer) ??
          `${result.deadline} ${result.weekday.slice(0, 3)}${result.rolledForward ? ' (rolled forward)' : ''}${result.earliestPossible ? ' (earliest possible)' : ''}${result.status ? ` · ${result.status}` : ''}${result.careSteps ? ` · ${result.careSteps.map((step) => `${step.kind} ${step.dueDate ?? 'on the day care ends'}${step.dueBy === 'noon' ? ' noon' : ''}`).join(', ')}` : ''} · ${result.level} · ${result.window.amount} ${result.window.unit} · ${result.ruleIds.join(', ')}`,
      ];
    },
  },
  specialists: {
    heading: 'Specialists: recommendSpecialist',
    columns: ['input', 'specialty (NUCC) · subspecialty'],
    row(fixture, answer) {
      const result = answer as SpecialistRecommendation;
      return [
        fields(fixture.input, ['icd10', 'condition', 'procedure', 'claimType', 'denialCategory', 'age']),
        errorText(answer) ??
          `${result.specialty.name} (${result.specialty.taxonomyCode})${result.subspecialty ? ` · ${result.subspecialty.name} (${result.subspecialty.taxonomyCode})` : ''}`,
      ];
    },
  },
  sso: {
    heading: 'Second surgical opinions: requiresSecondSurgicalOpinion',
    columns: ['input', 'requirement · rules'],
    row(fixture, answer) {
      const result = answer as SsoDecision;
      return [
        fields(fixture.input, ['procedure', 'planType', 'state', 'urgent', 'planSsoProcedures', 'asOf']),
        errorText(answer) ?? `${result.requirement} · ${result.ruleIds.join(', ')}`,
      ];
    },
  },
  cases: {
    heading: 'Whole cases: analyzeCase',
    columns: ['case', 'category · deadline · specialist · SSO · checklist'],
    row(fixture, answer) {
      const result = answer as CaseAnalysis;
      const input = (fixture.input ?? {}) as { planType?: string; denial?: { codes?: string[] } };
      return [
        `${fixture.name} (${input.planType ?? '?'}${input.denial?.codes ? ` ${input.denial.codes.join(' ')}` : ''})`,
        errorText(answer) ??
          [
            result.classification.category,
            `${result.deadline.level} ${result.deadline.deadline}`,
            result.specialist ? result.specialist.specialty.taxonomyCode : '—',
            result.sso?.requirement ?? '—',
            result.checklist.items
              .map((item) => `${item.id}${item.dueDate ? `@${item.dueDate}` : ''}`)
              .join(' '),
          ].join(' · '),
      ];
    },
  },
};

/** The text model the denial answers read with: a retrained model changes this line and the answers below. */
function modelLine(): string {
  const model = JSON.parse(readFileSync(join(root, 'rules/classification/model.json'), 'utf8')) as {
    id: string;
    version: string;
    corpus: { sha256: string; examples: number };
    metrics: { accuracy: number; macroF1: number };
  };
  return `Text model ${model.id} ${model.version}: ${model.corpus.examples} examples, corpus sha256 ${model.corpus.sha256.slice(0, 12)}…, cross-validated accuracy ${model.metrics.accuracy}, macro-F1 ${model.metrics.macroF1}.`;
}

/** The report's text. */
export function renderFixtureReport(): string {
  const overturn = createOverturn();
  const { fixtures, errors } = loadFixtureFiles([join(root, 'fixtures')]);
  if (errors.length) throw new Error(errors.map((error) => `${error.file}: ${error.message}`).join('\n'));
  const out = [
    '# Fixture report',
    '',
    `Generated by \`npm run report\` from rule set ${overturn.ruleSet.id} ${overturn.ruleSet.version}: every fixture's input and the`,
    'answer the bundled rules give. Do not edit by hand. A rule change that changes an answer changes this file, so the',
    'change shows in review; `overturn diff` lists the same changes field by field.',
    '',
    modelLine(),
    '',
  ];
  for (const domain of Object.keys(DESCRIBE) as FixtureDomain[]) {
    const inDomain = fixtures.filter((fixture) => fixture.domain === domain);
    if (!inDomain.length) continue;
    const { heading, columns, row } = DESCRIBE[domain];
    out.push(
      `## ${heading} (${inDomain.length})`,
      '',
      `| fixture | ${columns[0]} | ${columns[1]} |`,
      '|---|---|---|',
    );
    for (const fixture of inDomain) {
      const [input, answer] = row(fixture, compiledAnswer(overturn, fixture));
      const where = relative(join(root, 'fixtures'), join(root, fixture.file)).replaceAll('\\', '/');
      out.push(
        `| ${cell(`${where}${fixture.index !== undefined ? `[${fixture.index}]` : ''}`, 60)} | ${cell(input, 160)} | ${cell(answer, 400)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(target, renderFixtureReport());
  console.log(`wrote ${relative(process.cwd(), target)}`);
}
