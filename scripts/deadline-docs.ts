/**
 * Renders docs/deadlines.md from the deadline rule data, so the human-readable table cannot drift from
 * the rules. `npm run docs:deadlines` writes it; test/docs.test.ts fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, 'rules', path), 'utf8'));

interface Row {
  id: string;
  citation: string;
  sourceUrl: string;
  status: string;
  verifiedOn: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  note?: string;
  warning?: string;
  [key: string]: unknown;
}

const cell = (text: unknown) =>
  String(text ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ');
const link = (row: Row) => `[${cell(row.citation)}](${row.sourceUrl})`;
const dates = (row: Row) =>
  row.effectiveFrom || row.effectiveTo
    ? `${row.effectiveFrom ?? '…'} – ${row.effectiveTo ?? '…'}`
    : 'in force';

/** The Markdown of docs/deadlines.md. */
export function renderDeadlineDocs(): string {
  const manifest = read('manifest.json');
  const windows: Row[] = read(manifest.domains.deadlines.windows).rows;
  const decisions: Row[] = read(manifest.domains.deadlines.decisions).rows;
  const thresholds: Row[] = read(manifest.domains.deadlines.thresholds).rows;
  const lines = [
    '# Appeal deadlines: every rule, with its citation and status',
    '',
    `<!-- Generated from rules/deadlines by \`npm run docs:deadlines\` (rule set ${manifest.id} ${manifest.version}). Do not edit by hand. -->`,
    '',
    'How to read it. **Clock** is what starts the window: the receipt of the notice (with the presumption, where the',
    'rule has one) or the date printed on the notice. When a rule runs from receipt and only the notice date is',
    'known, overturn uses the notice date, the earliest the clock can start, and says so. **Weekend / holiday**',
    'is whether a last day on a Saturday, Sunday or legal public holiday moves to the next business day: only',
    'where the rule says so (45 CFR 147.136(d)(2)(i)); elsewhere the date stands and the answer warns, naming the',
    'weekday. Holidays are the legal public holidays of 5 U.S.C. 6103(a) on their own dates; the observed Friday',
    'or Monday (5 U.S.C. 6103(b)) does not extend a deadline, because whether "Federal holiday" includes it is',
    'unconfirmed and counting it could only make a date later. Where a **state** rule governs a level, the state',
    'table below gives it. **Status** other than `confirmed` always comes with the warning shown.',
    '',
    '## Filing windows',
    '',
    '| Plan types | Level | Window | Clock | Weekend / holiday | Plan window | Next levels | Citation | Status | In force | Notes |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of windows) {
    const window = row.window as { amount: number; unit: string };
    const clock =
      row.clockStart === 'receipt'
        ? row.presumedReceiptDays
          ? `receipt, presumed notice + ${row.presumedReceiptDays} days`
          : 'receipt'
        : 'date on the notice';
    const roll = (row.rollForward as { weekends: boolean }).weekends ? 'next business day' : 'not moved';
    const missing = row.onMissingDay
      ? `; no matching day → ${String(row.onMissingDay).replaceAll('_', ' ')}`
      : '';
    lines.push(
      `| ${(row.planTypes as string[]).join(', ')}${row.state ? ` (${row.state})` : ''} | ${row.level}${row.firstLevel ? ' (first)' : ''} | ${window.amount} ${window.unit}${missing} | ${clock} | ${roll} | ${row.planWindow} | ${(row.nextLevels as string[]).join(', ') || '—'} | ${link(row)} | ${row.status} | ${dates(row)} | ${cell([row.warning, row.note].filter(Boolean).join(' '))} |`,
    );
  }
  lines.push(
    '',
    '## Decision times',
    '',
    '| Stage | Plan types | Level | When | Time | Citation | Status | In force | Notes |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of decisions) {
    lines.push(
      `| ${row.stage} | ${(row.planTypes as string[]).join(', ')} | ${row.level ?? '—'} | ${row.when} | ${row.amount} ${row.unit} | ${link(row)} | ${row.status} | ${dates(row)} | ${cell([row.warning, row.note].filter(Boolean).join(' '))} |`,
    );
  }
  lines.push(
    '',
    '## Amounts in controversy (Medicare)',
    '',
    '| Plan types | Level | Amount | Citation | Status | In force |',
    '|---|---|---|---|---|---|',
  );
  for (const row of thresholds) {
    lines.push(
      `| ${(row.planTypes as string[]).join(', ')} | ${row.level} | $${Number(row.amountInControversy).toLocaleString('en-US')} | ${link(row)} | ${row.status} | ${dates(row)} |`,
    );
  }
  lines.push(...careStepLines(read(manifest.domains.deadlines.careSteps).rows));
  lines.push(...stateLines(manifest.domains.states as Record<string, string>));
  lines.push('');
  return lines.join('\n');
}

function careStepLines(rows: Row[]): string[] {
  const lines = [
    '',
    '## Care steps: deadlines that keep care going during an appeal',
    '',
    'Given `careEnding` (a hospital discharge, or services that stop or are reduced), the answer also dates these',
    'steps (`careSteps`); the checklist turns them into `request_fast_review` and `request_continued_benefits`.',
    '',
    '| Plan types | Level | Care ending | Step | Due | By | Citation | Status | Notes |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const due = row.due as { days: number; from: string; careEndDate?: string };
    const counted = `${due.days} day${due.days === 1 ? '' : 's'} after the ${due.from === 'receipt' ? 'receipt of the notice' : 'date of the notice'}`;
    const when =
      due.careEndDate === 'on'
        ? 'the day the care ends'
        : due.careEndDate === 'later_of'
          ? `${counted}, or the day the care ends if later`
          : due.careEndDate === 'before'
            ? `the day before the care ends (without that date: ${counted})`
            : counted;
    lines.push(
      `| ${(row.planTypes as string[]).join(', ')} | ${(row.levels as string[]).join(', ')} | ${(row.careEnding as string[]).join(', ')} | ${row.step} | ${when} | ${row.dueBy === 'noon' ? 'noon' : 'end of day'} | ${link(row)} | ${row.status} | ${cell(row.warning)} |`,
    );
  }
  return lines;
}

interface StateFile {
  state: string;
  name: string;
  externalReview: Row[];
  medicaidFairHearing: { feeForService: Row; managedCare: Row };
  regulators: Row[];
}

const windowText = (row: Row) => {
  const window = row.window as { amount: number; unit: string };
  const clock =
    row.clockStart === 'receipt'
      ? row.presumedReceiptDays
        ? `receipt (notice + ${row.presumedReceiptDays})`
        : 'receipt'
      : 'notice date';
  const roll = (row.rollForward as { weekends: boolean }).weekends ? ', rolls to a business day' : '';
  const filed =
    row.filedWhen === 'received'
      ? ', must be received'
      : row.filedWhen
        ? `, filed when ${String(row.filedWhen).replaceAll('_', ' ')}`
        : '';
  return `${window.amount} ${window.unit} from ${clock}${roll}${filed}`;
};
const statusOf = (row: Row) => (row.status === 'confirmed' ? 'confirmed' : `**${row.status}**`);

function stateLines(files: Record<string, string>): string[] {
  const states: StateFile[] = Object.values(files).map((path) => read(path));
  const windowRows = states.flatMap((state) => [
    ...state.externalReview,
    state.medicaidFairHearing.feeForService,
    state.medicaidFairHearing.managedCare,
  ]);
  const regulatorRows = states.flatMap((state) => state.regulators);
  const confirmed = (rows: Row[]) => rows.filter((row) => row.status === 'confirmed').length;
  const count = (pick: (state: StateFile) => Row[]) => {
    const rows = states.flatMap(pick);
    return `${confirmed(rows)} of ${rows.length}`;
  };
  const lines = [
    '',
    `## State rules: ${states.length} jurisdictions`,
    '',
    `Each jurisdiction has a file in \`rules/states/\` with the text each row rests on (\`quote\`). **Confirmed state rows: ${confirmed(windowRows)} of ${windowRows.length}** deadline rows (external review ${count((state) => state.externalReview)}; Medicaid fee-for-service fair hearing ${count((state) => [state.medicaidFairHearing.feeForService])}; Medicaid managed-care fair hearing ${count((state) => [state.medicaidFairHearing.managedCare])}), and ${confirmed(regulatorRows)} of ${regulatorRows.length} regulator rows.`,
    '',
    'How a state rule answers. Where it governs (a Medicaid fair hearing; external review for the insured and',
    'individual plans a state regulates), a **confirmed** row gives the exact date, even when it is later than the',
    'federal one. A **conflict** row already holds the earliest of its readings. An **unconfirmed** row, a state',
    'missing from the rule set, or a state not given is answered with the earliest date it could be: for the',
    'managed-care fair hearing, the flat federal 120 days (states may add to it, never take from it); for external',
    "review and the fee-for-service fair hearing, the earliest date any state's confirmed rule gives for the same",
    'input. The answer then has `earliestPossible: true` and a warning naming the state. For an employer plan whose',
    'funding is unknown, the earlier of the state and the federal date is shown; a self-funded plan uses the',
    'federal process.',
    '',
    '| State | External review (insured plans) | Medicaid fee-for-service hearing | Medicaid managed-care hearing | Regulators |',
    '|---|---|---|---|---|',
  ];
  for (const state of states) {
    const review = state.externalReview
      .map(
        (row) =>
          `${row.process === 'federal_hhs' ? 'federal process: ' : row.process === 'mixed' ? 'mixed: ' : ''}${windowText(row)} ([${cell(row.citation)}](${row.sourceUrl}); ${statusOf(row)})`,
      )
      .join('<br>');
    const hearing = (row: Row) =>
      `${windowText(row)} ([${cell(row.citation)}](${row.sourceUrl}); ${statusOf(row)})`;
    const regulators = state.regulators
      .map((row) => `[${cell(row.name)}](${row.url})${row.phone ? ` ${row.phone}` : ''}`)
      .join('<br>');
    lines.push(
      `| ${state.name} (${state.state}) | ${review} | ${hearing(state.medicaidFairHearing.feeForService)} | ${hearing(state.medicaidFairHearing.managedCare)} | ${regulators} |`,
    );
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(root, 'docs', 'deadlines.md'), renderDeadlineDocs());
  console.log('wrote docs/deadlines.md');
}
