import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFixtureReport } from '../scripts/fixture-report.js';

describe('fixtures/REPORT.md', () => {
  it('matches the answers the bundled rules give (run `npm run report` after changing rules or fixtures)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'REPORT.md'), 'utf8');
    expect(committed).toBe(renderFixtureReport());
  });

  it('has one table per domain with a row per fixture', () => {
    const report = renderFixtureReport();
    for (const heading of [
      '## Denials',
      '## Deadlines',
      '## Specialists',
      '## Second surgical opinions',
      '## Whole cases',
    ])
      expect(report).toContain(heading);
    // The Medicare worked example: notice 2026-01-02 → presumed receipt 01-07 → + 120 days.
    expect(report).toMatch(
      /\| planType=medicare_original noticeDate=2026-01-02 \| 2026-05-07 Thu · redetermination · 120 days/,
    );
  });
});
