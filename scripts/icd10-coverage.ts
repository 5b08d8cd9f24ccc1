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
  const count = (level: string, status?: RouteStatus) =>
    rows.filter((item) => item.row.level === level && (!status || item.status === status)).length;
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
  for (const level of ['chapter', 'block', 'category']) {
    const all = count(level);
    const routed = all - count(level, 'default');
    lines.push(
      `| ${level} | ${all} | ${routed} (${pct(routed, all)}) | ${count(level, 'confirmed')} (${pct(count(level, 'confirmed'), all)}) |`,
    );
  }
  lines.push(
    '',
    'The share of 3-character categories is not given: the index lists chapters, blocks and a few',
    'categories, not the whole tabular list (see the README of `rules/specialists`). A category inherits the',
    'route of its block unless a narrower range of `areas.json` says otherwise (I47–I49 go to cardiac',
    'electrophysiology inside the cardiology block I30–I5A).',
    '',
    '| ICD-10-CM | Level | Title | Area | Specialty | Through | Route |',
    '|---|---|---|---|---|---|---|',
  );
  for (const { row, target, specialty, status } of rows) {
    lines.push(
      `| ${span(row)} | ${row.level} | ${row.title} | ${target.area.id} | ${specialty} | ${target.range.id} | ${status} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(root, 'docs', 'icd10-coverage.md'), renderIcd10Coverage());
  const { count } = icd10Coverage();
  console.log(
    `blocks: ${count('block')} (${count('block') - count('block', 'default')} routed to a specialty, ${count('block', 'confirmed')} confirmed)`,
  );
}
