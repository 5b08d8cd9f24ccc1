import type { CaseAnalysis } from '../analyzeCase/types.js';
import type { ChecklistItem } from '../buildChecklist/types.js';
import type { AppealDeadline, DenialClassification } from '../index.js';
import type { SpecialistRecommendation } from '../recommendSpecialist/types.js';
import type { SsoDecision } from '../requiresSecondSurgicalOpinion/types.js';

/** The colour functions a report uses: picocolors' when colour is on, identity otherwise. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const LABEL_WIDTH = 17;

function line(c: Colors, label: string, text: string): string {
  return `  ${c.bold(label.padEnd(LABEL_WIDTH))}${text}`;
}

function more(text: string): string {
  return `  ${' '.repeat(LABEL_WIDTH)}${text}`;
}

const words = (value: string) => value.replaceAll('_', ' ');

/** The readable report of a whole analysis. */
export function analysisReport(file: string, analysis: CaseAnalysis, c: Colors): string {
  const out = [c.bold(c.cyan(file)), ...classificationLines(analysis.classification, c), ''];
  out.push(...deadlineLines(analysis.deadline, c), '');
  if (analysis.specialist) out.push(...specialistLines(analysis.specialist, c), '');
  if (analysis.sso) out.push(...ssoLines(analysis.sso, c), '');
  out.push(c.bold(`  Plan: ${analysis.checklist.items.length} steps`));
  analysis.checklist.items.forEach((item, index) => {
    out.push(...itemLines(index + 1, item, c));
  });
  if (analysis.warnings.length) {
    out.push('', c.bold('  Warnings'));
    for (const warning of analysis.warnings) out.push(`  ${c.yellow('!')} ${warning}`);
  }
  out.push(
    '',
    c.dim(
      `  rule set ${analysis.ruleSet.id} ${analysis.ruleSet.version}${analysis.asOf ? ` · as of ${analysis.asOf}` : ''}`,
    ),
  );
  return `${out.join('\n')}\n`;
}

function itemLines(n: number, item: ChecklistItem, c: Colors): string[] {
  const priority =
    item.priority === 'critical'
      ? c.red(c.bold('CRITICAL'))
      : item.priority === 'high'
        ? c.yellow('high')
        : c.dim('normal');
  const due = item.dueDate
    ? `  due ${item.status === 'passed' ? c.red(item.dueDate) : item.status === 'due_soon' ? c.yellow(item.dueDate) : item.dueDate}${item.status && item.status !== 'open' ? ` (${words(item.status)})` : ''}`
    : '';
  const lines = [`  ${String(n).padStart(2)}. ${c.bold(item.title)}  ${priority}${due}`, `      ${item.why}`];
  if (item.warning) lines.push(`      ${c.yellow('!')} ${item.warning}`);
  if (item.citation) lines.push(c.dim(`      ${item.citation}`));
  return lines;
}

/** The classification part of a report. */
export function classificationLines(result: DenialClassification, c: Colors): string[] {
  const lines = [
    line(
      c,
      'denial',
      `${c.bold(words(result.category))} (${result.disputeKind}, confidence ${result.confidence})`,
    ),
    line(
      c,
      'second opinion',
      result.secondOpinionHelps
        ? c.green('can help: this turns on medical judgment')
        : 'will not change this: fix the problem and resubmit or appeal on the facts',
    ),
    line(
      c,
      'external review',
      result.externalReviewEligible
        ? 'eligible (medical judgment or rescission)'
        : 'not for this kind of denial',
    ),
    line(c, 'evidence', ''),
    ...result.evidence.map((item) => {
      const what =
        item.kind === 'model'
          ? `model term "${item.value}"`
          : `${item.kind} ${item.value}${item.label ? ` (${item.label})` : ''}${item.matched ? ` (letter: "${item.matched}")` : ''}${item.via?.length ? ` (read ${item.via.join(', ')})` : ''}`;
      return more(
        `- ${what} → ${item.category ? words(item.category) : 'signal'} ${c.dim(`[${item.ruleId}]`)}`,
      );
    }),
  ];
  if (result.candidates.length > 1) {
    lines.push(
      line(
        c,
        'also considered',
        result.candidates
          .slice(1)
          .map((candidate) => `${words(candidate.category)} ${candidate.score}`)
          .join(', '),
      ),
    );
  }
  return lines;
}

/** The deadline part of a report. */
export function deadlineLines(deadline: AppealDeadline, c: Colors): string[] {
  const from = deadline.clockStart.event === 'receipt' ? 'receipt' : 'the notice date';
  const lines = [
    line(
      c,
      'appeal by',
      `${c.bold(`${deadline.weekday} ${deadline.deadline}`)} (${words(deadline.level)}, ${deadline.window.amount} ${deadline.window.unit} from ${from} ${deadline.clockStart.date}${deadline.clockStart.presumed ? ', presumed' : ''})`,
    ),
    line(
      c,
      'rule',
      `${deadline.citation} ${c.dim(`[${deadline.ruleStatus}]`)}${deadline.earliestPossible ? ` ${c.yellow('(the earliest it could be: see the warnings)')}` : ''}`,
    ),
  ];
  if (deadline.daysRemaining !== undefined) {
    const days = deadline.daysRemaining;
    const status =
      deadline.status === 'passed'
        ? c.red(`passed ${-days} ${-days === 1 ? 'day' : 'days'} ago`)
        : `${deadline.status === 'due_soon' ? c.yellow('due soon') : 'open'}, ${days} ${days === 1 ? 'day' : 'days'} remaining`;
    lines.push(line(c, 'status', status));
  }
  if (deadline.decisionDue) {
    lines.push(
      line(
        c,
        'decision due',
        `within ${deadline.decisionDue.amount} ${deadline.decisionDue.unit} ${c.dim(`(${deadline.decisionDue.citation})`)}`,
      ),
    );
  }
  if (deadline.nextLevels.length) lines.push(line(c, 'then', deadline.nextLevels.map(words).join(' → ')));
  // Steps that keep care going come first in time: show each with its own deadline and hour.
  for (const step of deadline.careSteps ?? []) {
    const when = step.dueDate
      ? `${step.dueBy === 'noon' ? 'by noon on ' : 'by '}${c.bold(step.dueDate)}`
      : 'by the day the care ends';
    lines.push(line(c, 'first', `${step.title}: ${when} ${c.dim(`(${step.citation})`)}`));
  }
  return lines;
}

/** The specialist part of a report. */
export function specialistLines(recommendation: SpecialistRecommendation, c: Colors): string[] {
  const { specialty, subspecialty } = recommendation;
  const lines = [
    line(
      c,
      'specialist',
      `${c.bold(specialty.name)} (NUCC ${specialty.taxonomyCode}${specialty.board ? `, ${specialty.board}` : ''})`,
    ),
  ];
  if (subspecialty)
    lines.push(line(c, 'preferably', `${subspecialty.name} (NUCC ${subspecialty.taxonomyCode})`));
  if (recommendation.requirements.length)
    lines.push(line(c, 'the opinion', recommendation.requirements.map(words).join(', ')));
  if (recommendation.guidelines.length) lines.push(line(c, 'cite', recommendation.guidelines.join('; ')));
  return lines;
}

/** The second-surgical-opinion part of a report. */
export function ssoLines(sso: SsoDecision, c: Colors): string[] {
  const requirement = sso.requirement === 'required' ? c.yellow(c.bold('required')) : words(sso.requirement);
  const lines = [line(c, 'surgical opinion', `${requirement}: ${sso.reason}`)];
  if (sso.penalty) lines.push(line(c, 'if skipped', sso.penalty));
  return lines;
}
