import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './_helpers/cli.js';

const root = join(import.meta.dirname, '..');

/**
 * `overturn mcp` through the official SDK's client, over a real stdio transport: the server is the command
 * itself, run from source.
 */
describe('overturn mcp', () => {
  const client = new Client({ name: 'overturn-test', version: '1.0.0' });
  beforeAll(async () => {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp'],
        cwd: root,
        stderr: 'pipe',
      }),
    );
  }, 30_000);
  afterAll(async () => {
    await client.close();
  });

  it('lists the tools, each with the JSON Schema of the library input', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'analyze_case',
      'check_second_surgical_opinion',
      'classify_denial',
      'compute_appeal_deadline',
      'draft_letter',
      'export_calendar',
      'recommend_specialist',
    ]);
    const classify = tools.find((tool) => tool.name === 'classify_denial');
    expect(classify?.inputSchema.type).toBe('object');
    expect(Object.keys(classify?.inputSchema.properties ?? {}).sort()).toEqual([
      'asOf',
      'codes',
      'planType',
      'stage',
      'text',
    ]);
  });

  it('answers with the library result as structured content and a readable line', async () => {
    const result = await client.callTool({
      name: 'classify_denial',
      arguments: { codes: ['CO-50', 'N115'] },
    });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { category: string }).category).toBe('medical_necessity');
    expect((result.content as { text: string }[])[0]?.text).toMatch(/^medical necessity \(clinical/);
  });

  it('computes a deadline from the rule: Medicare, notice 2026-01-02, received +5 days, 120 days = 2026-05-07', async () => {
    const result = await client.callTool({
      name: 'compute_appeal_deadline',
      arguments: { planType: 'medicare_original', noticeDate: '2026-01-02', asOf: '2026-02-15' },
    });
    expect((result.structuredContent as { deadline: string }).deadline).toBe('2026-05-07');
  });

  it('analyses a case and drafts its letter', async () => {
    const knee = {
      denial: { codes: ['CO-50', 'N661'], stage: 'prior_authorization' },
      planType: 'employer_erisa',
      noticeDate: '2026-10-01',
      receivedDate: '2026-10-06',
      procedure: 'total knee arthroplasty',
      asOf: '2026-11-25',
    };
    const analysis = await client.callTool({ name: 'analyze_case', arguments: knee });
    // Received 2026-10-06 + 180 days (29 CFR 2560.503-1(h)(3)(i)) = 2027-04-04.
    expect((analysis.structuredContent as { deadline: { deadline: string } }).deadline.deadline).toBe(
      '2027-04-04',
    );
    const letter = await client.callTool({
      name: 'draft_letter',
      arguments: { case: knee, kind: 'records' },
    });
    expect((letter.structuredContent as { kind: string }).kind).toBe('records_request');
    const calendar = await client.callTool({ name: 'export_calendar', arguments: { case: knee } });
    expect((calendar.structuredContent as { ics: string }).ics).toContain('BEGIN:VCALENDAR');
  });

  it('refuses a bad input as a tool error naming the path', async () => {
    const result = await client.callTool({
      name: 'classify_denial',
      arguments: { codes: ['CO-50', 'hello'] },
    });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toBe(
      'INVALID_INPUT\n- codes.1: "hello" is not a CARC or RARC code (expected forms like CO-50, 50, PR-204, N115, MA130)',
    );
    expect(result.structuredContent).toEqual({
      code: 'INVALID_INPUT',
      issues: [
        {
          path: ['codes', 1],
          message: '"hello" is not a CARC or RARC code (expected forms like CO-50, 50, PR-204, N115, MA130)',
        },
      ],
    });
    // A case's nested field, as the library names it.
    const nested = await client.callTool({
      name: 'draft_letter',
      arguments: {
        case: { denial: { codes: ['CO-50'] }, planType: 'fehb', noticeDate: '2026-02-30' },
        kind: 'appeal',
      },
    });
    expect(nested.isError).toBe(true);
    expect((nested.structuredContent as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual(
      [['case', 'noticeDate']],
    );
  });
});
