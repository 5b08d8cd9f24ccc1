/**
 * Renders docs/icd10-coverage.md: where every ICD-10-CM chapter, block and listed category of
 * rules/specialists/icd10cm.json is routed, and how much of that routing is confirmed rather than
 * defaulted. `npm run docs:icd10` writes it; test/docs.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRuleSetSource } from '../src/_lib/defaultRuleSet.js';
import { compileRuleSet } from '../src/engine/compile.js';

const root = join(import.meta.dirname, '..');

/** How a row's route stands: every row behind it confirmed, some not, or the general fallback. */
export type RouteStatus = 'confirmed' | 'unconfirmed' | 'default';

/** Each index row with its route, and the counts per level. */
export function icd10Coverage() {
  const rules = compileRuleSet(defaultRuleSetSource).specialists;
  const index = rules.conditionIndex;
  if (!index) throw new Error('the bundled rule set has no condition index');
  const rows = index.rows.map(({ row, target }) => {
    const specialtyCode = target.range.specialty ?? target.area.specialty;
    const specialty = rules.specialties.get(specialtyCode);
    const fallbackSpecialty = rules.areas.get(rules.fallback.area)?.specialty;
    const status: RouteStatus =
      specialtyCode === fallbackSpecialty
        ? 'default'
        : [target.range, target.area, specialty].every((item) => item?.status === 'confirmed')
          ? 'confirmed'
          : 'unconfirmed';
    return { row, target, specialty: specialty?.name ?? specialtyCode, status };
  });
  // A one-category block (B20) is a 3-character category too: `3-character` counts both.
  const isLevel = (row: (typeof rows)[number]['row'], level: string) =>
    level === '3-character'
      ? row.level === 'category' || (row.level === 'block' && !row.to)
      : row.level === level;
  const count = (level: string, status?: RouteStatus) =>
    rows.filter((item) => isLevel(item.row, level) && (!status || item.status === status)).length;
  return { rows, count };
}

const span = (row: { from: string; to?: string }) => (row.to ? `${row.from}–${row.to}` : row.from);
const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;

/** The Markdown of docs/icd10-coverage.md. */
export function renderIcd10Coverage(): string {
  const { rows, count } = icd10Coverage();
  const lines = [
    '# ICD-10-CM coverage of `recommendSpecialist`',
    '',
    '<!-- Generated from rules/specialists by `npm run docs:icd10`. Do not edit by hand. -->',
    '',
    'Every chapter, block and listed category of `rules/specialists/icd10cm.json` (ICD-10-CM FY2026) is routed by',
    'the most specific range of `rules/specialists/areas.json` that holds all of it; the loader refuses a row that',
    'no range holds. **Route** is `confirmed` when the range, the area and the specialty are all confirmed rows,',
    '`unconfirmed` when one of them is not yet checked against its primary source (the answer warns), and',
    '`default` when the answer is the general fallback specialty (internal medicine): symptom, status and',
    'special-purpose codes that do not name an organ, and complications of care, judged by the specialty of the',
    'procedure that caused them.',
    '',
    '| Level | Rows | Routed to a specialty (not the fallback) | Route confirmed |',
    '|---|---|---|---|',
  ];
  for (const level of ['chapter', 'block', '3-character']) {
    const all = count(level);
    const routed = all - count(level, 'default');
    lines.push(
      `| ${level} | ${all} | ${routed} (${pct(routed, all)}) | ${count(level, 'confirmed')} (${pct(count(level, 'confirmed'), all)}) |`,
    );
  }
  const categories = rows.filter((item) => item.row.level === 'category');
  const blockOf = (code: string) =>
    rows
      .filter(
        (item) =>
          item.row.level === 'block' && item.row.from <= code && code <= (item.row.to ?? item.row.from),
      )
      .at(-1);
  const ownRoute = categories.filter(
    (item) => blockOf(item.row.from)?.target.range.id !== item.target.range.id,
  );
  lines.push(
    '',
    `The 3-character rows are the code set's ${count('3-character')} categories outside chapter 20 (external causes`,
    'never pick a specialist): the category table of `icd10cm.json`, the category rows that add plain terms, and',
    `the ${count('3-character') - categories.length} one-category blocks (B20, C50, …). **${pct(count('3-character', 'confirmed'), count('3-character'))} of them have a confirmed route**; ${pct(count('3-character', 'default'), count('3-character'))} go to the`,
    'general fallback (symptoms, status and encounter codes, complications of care).',
    '',
    '## Chapters and blocks',
    '',
    '| ICD-10-CM | Level | Title | Area | Specialty | Through | Route |',
    '|---|---|---|---|---|---|---|',
  );
  const line = ({ row, target, specialty, status }: (typeof rows)[number]) =>
    `| ${span(row)} | ${row.level} | ${row.title} | ${target.area.id} | ${specialty} | ${target.range.id} | ${status} |`;
  for (const item of rows) if (item.row.level !== 'category') lines.push(line(item));
  lines.push(
    '',
    '## Categories routed apart from their block',
    '',
    `A category takes the route of its block unless a narrower range of \`areas.json\` holds it (I47–I49 go to`,
    `cardiac electrophysiology inside the cardiology block I30–I5A). These ${ownRoute.length} do; the other`,
    `${categories.length - ownRoute.length} go where their block goes.`,
    '',
    '| ICD-10-CM | Level | Title | Area | Specialty | Through | Route |',
    '|---|---|---|---|---|---|---|',
  );
  for (const item of ownRoute) lines.push(line(item));
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(root, 'docs', 'icd10-coverage.md'), renderIcd10Coverage());
  const { count } = icd10Coverage();
  console.log(
    ['block', '3-character']
      .map(
        (level) =>
          `${level}: ${count(level)} (${count(level) - count(level, 'default')} routed to a specialty, ${count(level, 'confirmed')} confirmed)`,
      )
      .join('; '),
  );
}
