import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCase, OverturnError } from '../../src/index.js';

const root = join(import.meta.dirname, '..', '..');

/** The example cases and the inputs of fixtures/cases that analyse without an error (for batch tests and inputs). */
export function sampleCases(): Record<string, unknown>[] {
  const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
  const jsonIn = (folder: string): string[] =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => join(folder, name))
      : [];
  const cases = jsonIn(join(root, 'examples')).map(read) as Record<string, unknown>[];
  for (const file of jsonIn(join(root, 'fixtures', 'cases'))) {
    const parsed = read(file);
    for (const fixture of Array.isArray(parsed) ? parsed : [parsed])
      cases.push((fixture as { input: Record<string, unknown> }).input);
  }
  return cases.filter((input) => {
    try {
      analyzeCase(input as never);
      return true;
    } catch (error) {
      if (error instanceof OverturnError) return false;
      throw error;
    }
  });
}

function shiftDate(date: unknown, days: number): unknown {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A case with every date (notice, receipt, asOf, the denial's asOf) moved by `days`. */
export function shiftedCase(input: Record<string, unknown>, days: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const key of ['noticeDate', 'receivedDate', 'asOf'])
    if (key in out) out[key] = shiftDate(out[key], days);
  if (out.denial && typeof out.denial === 'object') {
    const denial = { ...(out.denial as Record<string, unknown>) };
    if ('asOf' in denial) denial.asOf = shiftDate(denial.asOf, days);
    out.denial = denial;
  }
  return out;
}
