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
    'unconfirmed and counting it could only make a date later. A **state** row applies beside the federal one and',
    'the earlier date wins. **Status** other than `confirmed` always comes with the warning shown.',
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
  lines.push('');
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(root, 'docs', 'deadlines.md'), renderDeadlineDocs());
  console.log('wrote docs/deadlines.md');
}
