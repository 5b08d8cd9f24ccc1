/** Each plan type has exactly one first appeal level (deadline windows) and one default row (SSO programs). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { windowsFileSchema } from '../src/computeAppealDeadline/ruleData.js';
import { programsFileSchema } from '../src/requiresSecondSurgicalOpinion/ruleData.js';

const read = (path: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', path), 'utf8'));
const messages = (result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) => (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('one row of a kind per plan type', () => {
  const windows = read('deadlines/windows.json');
  const first = windows.rows.findIndex((row: { firstLevel?: boolean }) => row.firstLevel);
  const firstRow = windows.rows[first];

  it('refuses a second first level for a plan type, at its row, unless it is in effect over other dates', () => {
    expect(windowsFileSchema.safeParse(windows).success).toBe(true);
    const twice = { ...windows, rows: [...windows.rows, { ...firstRow, id: 'copy.first-level' }] };
    expect(messages(windowsFileSchema.safeParse(twice))).toEqual([
      `rows.${windows.rows.length}.firstLevel: ${firstRow.planTypes[0]} already has a first level`,
    ]);
    const dated = { ...firstRow, id: 'copy.first-level', effectiveFrom: '2030-01-01' };
    expect(windowsFileSchema.safeParse({ ...windows, rows: [...windows.rows, dated] }).success).toBe(true);
  });

  it('refuses a plan type with no first level, and one with no default program row', () => {
    const without = { ...windows, rows: windows.rows.filter((_: unknown, index: number) => index !== first) };
    expect(messages(windowsFileSchema.safeParse(without))).toContain(
      `rows: no row marks the first level of ${firstRow.planTypes[0]}`,
    );
    const programs = read('sso/programs.json');
    const withoutDefaults = {
      ...programs,
      rows: programs.rows.filter((row: { kind: string }) => row.kind !== 'default'),
    };
    expect(messages(programsFileSchema.safeParse(withoutDefaults))).toContain(
      'rows: no default row for fehb',
    );
  });
});
