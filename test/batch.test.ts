import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchTestHooks, runBatch, runX12Batch } from '../src/cli/batch.js';
import { BATCH_FIELDS, summaryLine } from '../src/cli/batchRecords.js';
import { analyzeCase, type CaseAnalysis, OverturnError } from '../src/index.js';
import { CLI } from './_helpers/cli.js';
import { sampleCases, shiftedCase } from './_helpers/sampleCases.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'overturn-batch-'));
let files = 0;
const tempFile = (name: string) => join(dir, `${files++}-${name}`);

const cases = sampleCases();
/** Bad lines, by the (1-based) line they go on; the rest are cases with varied dates, or blank. */
const bad = new Map<number, string>([
  [2, 'not json at all'],
  [5, '{"denial": '],
  [
    40,
    JSON.stringify({ denial: { codes: ['hello'] }, planType: 'employer_erisa', noticeDate: '2026-01-02' }),
  ],
  [41, '[1, 2, 3]'],
  [42, 'null'],
  [43, '42'],
  [555, JSON.stringify({ ...cases[0], asOf: 'tomorrow' })],
]);

/** `count` lines of NDJSON: cases cycling through the samples with shifted dates, bad lines, a few blanks. */
function ndjson(count: number, extraBad = bad): string {
  const lines: string[] = [];
  for (let line = 1; line <= count; line++) {
    const badLine = extraBad.get(line);
    if (badLine !== undefined) lines.push(badLine);
    else if (line % 97 === 0) lines.push(line % 2 ? '' : '   ');
    else {
      const input = cases[line % cases.length] as Record<string, unknown>;
      lines.push(JSON.stringify(shiftedCase(input, ((line * 37) % 900) - 450)));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What the batch must write for one line: analyzeCase's answer, or the error. */
function expectedLine(text: string, line: number, asOf?: string, defaultAsOf?: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      line,
      error: { code: 'INVALID_JSON', issues: [{ path: [], message: (error as Error).message }] },
    };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    if (asOf !== undefined) parsed = { ...parsed, asOf };
    else if (!('asOf' in parsed) && defaultAsOf !== undefined) parsed = { ...parsed, asOf: defaultAsOf };
  }
  try {
    return { line, analysis: JSON.parse(JSON.stringify(analyzeCase(parsed as never))) };
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    return { line, error: { code: error.code, issues: error.issues } };
  }
}

function expectedOutput(text: string, asOf?: string, defaultAsOf?: string): unknown[] {
  return text
    .split('\n')
    .map((line, index) => [line, index + 1] as const)
    .filter(([line]) => line.trim() !== '')
    .map(([line, number]) => expectedLine(line, number, asOf, defaultAsOf));
}

/** The expected answers, typed for the table outputs (CSV, Parquet) that flatten them. */
const expectedRecords = (text: string, asOf: string) =>
  expectedOutput(text, asOf) as { line: number; analysis?: CaseAnalysis; error?: { code: string } }[];

/** The summary line batch ends with, counted here from the expected answers. */
function summaryOf(expected: unknown[]): string {
  const tally = { category: {} as Record<string, number>, status: {} as Record<string, number> };
  let errors = 0;
  for (const line of expected as { error?: unknown; analysis?: CaseAnalysis }[]) {
    if (line.error) errors++;
    if (!line.analysis) continue;
    const category = line.analysis.classification.category;
    tally.category[category] = (tally.category[category] ?? 0) + 1;
    const status = line.analysis.deadline?.status ?? 'no_deadline';
    tally.status[status] = (tally.status[status] ?? 0) + 1;
  }
  return summaryLine({ cases: expected.length, errors, tally });
}

const parseOutput = (text: string): unknown[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [CLI, 'batch', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    maxBuffer: 256 * 1024 * 1024,
  });

// Small chunks (in tests only), so that 600 lines make 24 chunks over 2 workers, answered out of order.
const big = ndjson(600);
const bigFile = tempFile('big.ndjson');
writeFileSync(bigFile, big);
const bigExpected = expectedOutput(big);
const bigErrors = bigExpected.filter((line) => 'error' in (line as object)).length;

beforeEach(() => {
  batchTestHooks.chunkLines = 25;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  batchTestHooks.chunkLines = undefined;
  batchTestHooks.crashWorkerAt = undefined;
});

/** Today in the local time zone, as the CLI fills it in for cases without an asOf. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('runBatch', () => {
  it('answers every line in this thread, in order; bad lines get error lines with their numbers', async () => {
    const out = tempFile('out.ndjson');
    const summary = await runBatch({ input: bigFile, out, workers: 0, progress: false });
    const answers = parseOutput(readFileSync(out, 'utf8'));
    expect(answers).toEqual(bigExpected);
    expect(summary).toMatchObject({ cases: bigExpected.length, errors: bigErrors });

    const errors = answers.filter((line) => 'error' in (line as object)) as {
      line: number;
      error: { code: string; issues: { path: unknown[]; message: string }[] };
    }[];
    expect(errors.map(({ line, error }) => [line, error.code])).toEqual([
      [2, 'INVALID_JSON'],
      [5, 'INVALID_JSON'],
      [40, 'INVALID_INPUT'],
      [41, 'INVALID_INPUT'],
      [42, 'INVALID_INPUT'],
      [43, 'INVALID_INPUT'],
      [555, 'INVALID_INPUT'],
    ]);
    expect(errors[0]?.error.issues[0]?.message).toMatch(/JSON/);
    expect(errors[2]?.error.issues[0]?.path).toEqual(['denial', 'codes', 0]);
    expect(errors[6]?.error.issues.map((issue) => issue.path.join('.'))).toContain('asOf');
  });

  it('gives the same answers, in input order, with 2 workers', async () => {
    const out = tempFile('out.ndjson');
    const summary = await runBatch({ input: bigFile, out, workers: 2, progress: false });
    expect(parseOutput(readFileSync(out, 'utf8'))).toEqual(bigExpected);
    expect(summary).toMatchObject({ cases: bigExpected.length, errors: bigErrors });
  });

  it('overrides each case’s asOf with asOf, and fills in defaultAsOf only where a case has none', async () => {
    const withAsOf = ndjson(60, new Map());
    const withoutAsOf = withAsOf
      .split('\n')
      .map((line, index) =>
        index % 2 && line ? JSON.stringify({ ...JSON.parse(line), asOf: undefined }) : line,
      )
      .join('\n');
    const input = tempFile('dates.ndjson');
    writeFileSync(input, withoutAsOf);

    const overridden = tempFile('out.ndjson');
    await runBatch({
      input,
      out: overridden,
      asOf: '2027-01-15',
      defaultAsOf: '2020-01-01',
      progress: false,
    });
    const answers = parseOutput(readFileSync(overridden, 'utf8'));
    expect(answers).toEqual(expectedOutput(withoutAsOf, '2027-01-15'));
    expect(answers.map((line) => (line as { analysis?: { asOf?: string } }).analysis?.asOf)).toEqual(
      answers.map(() => '2027-01-15'),
    );

    const defaulted = tempFile('out.ndjson');
    await runBatch({ input, out: defaulted, defaultAsOf: '2026-12-01', progress: false });
    expect(parseOutput(readFileSync(defaulted, 'utf8'))).toEqual(
      expectedOutput(withoutAsOf, undefined, '2026-12-01'),
    );

    const asIs = tempFile('out.ndjson');
    await runBatch({ input, out: asIs, progress: false });
    expect(parseOutput(readFileSync(asIs, 'utf8'))).toEqual(expectedOutput(withoutAsOf));
  });

  it('numbers lines as in the file: CRLF, blank lines and a byte-order mark', async () => {
    const [a, b] = cases.map((input) => JSON.stringify(input));
    const input = tempFile('crlf.ndjson');
    writeFileSync(input, `\uFEFF${a}\r\n\r\n  \r\n${b}`); // no newline at the end
    const out = tempFile('out.ndjson');
    const summary = await runBatch({ input, out, progress: false });
    expect(summary).toMatchObject({ cases: 2, errors: 0 });
    expect(parseOutput(readFileSync(out, 'utf8'))).toEqual([
      expectedLine(a as string, 1),
      expectedLine(b as string, 4),
    ]);
  });

  it('fails the run with a clear message when a worker crashes, without hanging', async () => {
    batchTestHooks.crashWorkerAt = 1;
    await expect(
      runBatch({ input: bigFile, out: tempFile('out.ndjson'), workers: 1, progress: false }),
    ).rejects.toThrow('batch worker 1 crashed: simulated crash on chunk 1');
  });

  it('loses no line while its output is slow to open (a pipe nobody reads yet)', async () => {
    // readline reads as soon as it is attached: attached before the output opened, a small file was read whole
    // and its lines lost while the run waited, and the run never ended. A FIFO's open waits for its reader.
    const fifo = tempFile('slow.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const input = tempFile('few.ndjson');
    const text = ndjson(30, new Map());
    writeFileSync(input, text);
    const running = runBatch({ input, out: fifo, workers: 0, progress: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    let written = '';
    for await (const chunk of createReadStream(fifo, 'utf8')) written += chunk;
    await running;
    expect(parseOutput(written)).toEqual(expectedOutput(text));
  });

  it('rejects a missing input file', async () => {
    await expect(runBatch({ input: join(dir, 'missing.ndjson'), progress: false })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

/**
 * A synthetic 835 of `transactions` × `perTransaction` claims, each denied on a service line with one of
 * four reasons; the claim charge of claim `broken` is not a number.
 */
function remittance(transactions: number, perTransaction: number, broken?: number): string {
  const reasons = [
    ['CO*50', 'N115'],
    ['CO*197', ''],
    ['PR*204', 'N130'],
    ['CO*29', ''],
  ] as const;
  const out = [
    'ISA*00*          *00*          *ZZ*SYNPAYER01     *ZZ*SYNPROV01      *260112*0930*^*00501*000000901*0*T*:~',
    'GS*HP*SYNPAYER01*SYNPROV01*20260112*0930*901*X*005010X221A1~',
  ];
  for (let t = 0; t < transactions; t++) {
    const control = String(t + 1).padStart(4, '0');
    const segments = [
      `ST*835*${control}*005010X221A1~`,
      'BPR*H*0*C*NON************20260109~',
      `TRN*1*EFT${control}*1999999999~`,
      'DTM*405*20260108~',
      'N1*PR*SYNTHETIC HEALTH PLAN~',
      'N1*PE*EXAMPLE PROVIDER GROUP*XX*1999999980~',
      'LX*1~',
    ];
    for (let c = 0; c < perTransaction; c++) {
      const n = t * perTransaction + c;
      const [cas, rarc] = reasons[n % reasons.length] as (typeof reasons)[number];
      segments.push(
        `CLP*PCN-${n}*1*${n === broken ? '12O0' : '1200'}*0**12*SYN${n}*11*1~`,
        `NM1*QC*1*SAMPLE*PATIENT****MI*MEM${n}~`,
        'SVC*HC:29881*1200*0**1~',
        'DTM*472*20251215~',
        `CAS*${cas}*1200~`,
        ...(rarc ? [`LQ*HE*${rarc}~`] : []),
      );
    }
    out.push(...segments, `SE*${segments.length + 1}*${control}~`);
  }
  out.push(`GE*${transactions}*901~`, 'IEA*1*000000901~');
  return `${out.join('\n')}\n`;
}

describe('runX12Batch', () => {
  // 4 transactions of 150 claims; claim 200 (in transaction 0002) is broken. Chunks of 25 claims.
  const file = tempFile('remit.835');
  writeFileSync(file, remittance(4, 150, 200));
  const context = { planType: 'employer_erisa' as const };

  it('answers each claim in order in this thread; a broken claim is one error record', async () => {
    const out = tempFile('out.ndjson');
    const summary = await runX12Batch({ input: file, out, asOf: '2026-02-01', context, progress: false });
    const answers = parseOutput(readFileSync(out, 'utf8')) as {
      source: string;
      analysis?: CaseAnalysis;
      error?: { code: string };
    }[];
    expect(answers).toHaveLength(600);
    expect(summary).toMatchObject({ cases: 600, errors: 1, workers: 0 });
    expect(answers.map((answer) => answer.source)).toEqual(
      answers.map((_, n) => (n === 200 ? 'transaction 0002 claim PCN-200' : `claim PCN-${n} line 1`)),
    );
    expect(answers[200]?.error?.code).toBe('INVALID_INPUT');
    // Claim 302 is PR-204 + N130; the production date DTM*405 2026-01-08 + 180 days = 2026-07-07.
    expect(answers[302]?.analysis?.classification.category).toBe('non_covered_service');
    expect(answers[302]?.analysis?.deadline?.deadline).toBe('2026-07-07');
    // Claim 201, the broken claim's neighbour, is CO-197 (no authorization).
    expect(answers[201]?.analysis?.classification.category).toBe('prior_authorization');
  });

  it('gives the same answers, in the same order, with 2 workers', async () => {
    const alone = tempFile('out.ndjson');
    await runX12Batch({ input: file, out: alone, asOf: '2026-02-01', context, workers: 0, progress: false });
    const pooled = tempFile('out.ndjson');
    const summary = await runX12Batch({
      input: file,
      out: pooled,
      asOf: '2026-02-01',
      context,
      workers: 2,
      progress: false,
    });
    expect(summary).toMatchObject({ cases: 600, errors: 1, workers: 2 });
    expect(readFileSync(pooled, 'utf8')).toBe(readFileSync(alone, 'utf8'));
  });

  it('writes a CSV and a Parquet file that DuckDB reads with the documented columns', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const csv = tempFile('answers.csv');
    const parquet = tempFile('answers.parquet');
    for (const [out, outputFormat] of [
      [csv, 'csv'],
      [parquet, 'parquet'],
    ] as const)
      await runX12Batch({ input: file, out, asOf: '2026-02-01', context, outputFormat, progress: false });
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const query = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    for (const table of [`read_csv_auto('${csv}')`, `read_parquet('${parquet}')`]) {
      const columns = await query(`DESCRIBE SELECT * FROM ${table}`);
      expect(columns.map((column) => column.column_name)).toEqual([...BATCH_FIELDS]);
      // 600 claims over four reasons in turn, claim 200 (a CO-50 claim) broken: 149 medical necessity.
      expect(
        await query(
          `SELECT category, count(*)::INTEGER AS n FROM ${table} WHERE error IS NULL OR error = '' GROUP BY 1 ORDER BY 1`,
        ),
      ).toEqual([
        { category: 'medical_necessity', n: 149 },
        { category: 'non_covered_service', n: 150 },
        { category: 'prior_authorization', n: 150 },
        { category: 'timely_filing', n: 150 },
      ]);
      expect(
        await query(
          `SELECT claim_id, deadline::VARCHAR AS deadline, days_remaining::INTEGER AS days FROM ${table} WHERE source = 'claim PCN-302 line 1'`,
        ),
      ).toEqual([{ claim_id: 'PCN-302', deadline: '2026-07-07', days: 156 }]);
    }
    connection.closeSync();
  });

  it('stops with a clear error when a worker crashes on an 835 too', async () => {
    batchTestHooks.crashWorkerAt = 2;
    await expect(
      runX12Batch({ input: file, out: tempFile('out.ndjson'), asOf: '2026-02-01', context, workers: 1 }),
    ).rejects.toThrow('batch worker 1 crashed: simulated crash on chunk 2');
  });
});

describe('overturn batch (CLI)', () => {
  it('reads stdin with -, runs workers from source, writes only NDJSON on stdout, exits 1 on a bad record', () => {
    const result = cli(['-', '--workers', '2'], big);
    expect(result.status).toBe(1);
    const expected = expectedOutput(big, undefined, today());
    expect(parseOutput(result.stdout)).toEqual(expected);
    expect(result.stderr).toBe(summaryOf(expected));
  });

  it('exits 0 when every record is analysed; applies --as-of; writes --out', () => {
    const input = tempFile('good.ndjson');
    const text = ndjson(30, new Map());
    writeFileSync(input, text);
    const out = tempFile('out.ndjson');
    const result = cli([input, '--as-of', '2026-12-24', '--out', out, '--no-progress']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const expected = expectedOutput(text, '2026-12-24');
    expect(result.stderr).toBe(summaryOf(expected));
    expect(result.stderr).toMatch(/^overturn batch: 30 records, 0 with an error; by category: /);
    expect(parseOutput(readFileSync(out, 'utf8'))).toEqual(expected);
  });

  it('exits 1 on an input file it cannot read (as every command does) and 2 on usage errors', () => {
    const missing = cli([join(dir, 'missing.ndjson')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('missing.ndjson: no such file');
    expect(cli([bigFile, '--workers', 'many']).status).toBe(2);
    const rules = cli([bigFile, '--rules', dir]);
    expect(rules.status).toBe(2);
    expect(rules.stderr).toContain('INVALID_RULE_SET');
  });
});

describe('overturn batch on FHIR and X12 835 input', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'batch', ...args], {
      cwd: root,
      encoding: 'utf8',
    });
  const records = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

  it('answers each denied item of a FHIR resource line, next to ordinary case lines', () => {
    const file = tempFile('mixed.ndjson');
    const eob = JSON.parse(
      readFileSync(join(root, 'fixtures/adapters/fhir/eob-professional-partial.json'), 'utf8'),
    );
    const example = JSON.parse(readFileSync(join(root, 'examples/medicare-redetermination.json'), 'utf8'));
    writeFileSync(file, `${JSON.stringify(eob)}\n${JSON.stringify(example)}\n`);
    const result = cli(file, '--plan-type', 'individual_market', '--as-of', '2026-01-20');
    expect(result.status).toBe(0);
    const answers = records(result.stdout);
    expect(answers.map((a) => [a.line, a.source, a.analysis.classification.category])).toEqual([
      [1, expect.stringMatching(/^ExplanationOfBenefit\/.+#item-2$/), 'prior_authorization'],
      [1, expect.stringMatching(/^ExplanationOfBenefit\/.+#item-3$/), 'benefit_limit'],
      [2, undefined, 'medical_necessity'],
    ]);
    // The case line keeps its own plan type; --plan-type is only for what a FHIR resource does not say.
    expect(answers[2].analysis.deadline.level).toBe('redetermination');
  });

  it('streams an 835: a broken transaction is an error record naming it, its neighbours are still answered', () => {
    const file = tempFile('broken.835');
    // The second of three transactions: its claim charge is not a number.
    writeFileSync(
      file,
      readFileSync(join(root, 'fixtures/adapters/x12/multi-st.835'), 'utf8').replace(
        'CLP*PCN-SYN-6002*4*310*',
        'CLP*PCN-SYN-6002*4*3I0*',
      ),
    );
    const result = cli(file, '--plan-type', 'employer_erisa', '--as-of', '2026-01-20');
    expect(result.status).toBe(1);
    expect(
      records(result.stdout).map((a) => [a.source, a.analysis?.classification.category ?? a.error.code]),
    ).toEqual([
      ['claim PCN-SYN-6001 line 1', 'benefit_limit'],
      ['transaction 0062 claim PCN-SYN-6002', 'INVALID_INPUT'],
      ['claim PCN-SYN-6003 line 1', 'non_covered_service'],
    ]);
    // What the reader noticed comes first among the answer's warnings, as `overturn analyze` shows it.
    expect(records(result.stdout)[2].analysis.warnings[0]).toBe(
      'LQ*RX "70" is an NCPDP reject code, not a RARC; left out.',
    );
    expect(result.stderr).toContain('overturn batch: 3 records, 1 with an error;');
  });

  it('reads an 835 whole (detected) and answers each denied claim or line', () => {
    const result = cli(
      'fixtures/adapters/x12/multi-claim.835',
      '--plan-type',
      'employer_erisa',
      '--as-of',
      '2026-01-20',
    );
    expect(result.status).toBe(0);
    expect(
      records(result.stdout).map((a) => [
        a.source,
        a.analysis.classification.category,
        a.analysis.deadline.deadline,
      ]),
    ).toEqual([
      ['claim PCN-SYN-2002', 'prior_authorization', '2026-07-11'],
      ['claim PCN-SYN-2003 line 1', 'duplicate_or_bundled', '2026-07-11'],
    ]);
  });
});

describe('overturn batch --output-format csv', () => {
  it('writes a header and one row per record with the documented columns, quoting what needs it', async () => {
    const { parse } = await import('csv-parse/sync');
    const input = tempFile('csv.ndjson');
    const text = ndjson(12, new Map([[3, '{"denial": 5}']]));
    writeFileSync(input, text);
    const result = cli([input, '--as-of', '2026-12-24', '--output-format', 'csv', '--no-progress']);
    expect(result.status).toBe(1);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    const expected = expectedRecords(text, '2026-12-24');
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'source',
      'claim_id',
      'category',
      'dispute_kind',
      'confidence',
      'level',
      'deadline',
      'status',
      'days_remaining',
      'specialist_taxonomy',
      'warnings',
      'error',
    ]);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, index) => {
      const want = expected[index] as (typeof expected)[number];
      expect(row.source).toBe(`line ${want.line}`);
      if (want.analysis) {
        expect(row.category).toBe(want.analysis.classification.category);
        expect(row.deadline).toBe(want.analysis.deadline?.deadline ?? '');
        expect(row.days_remaining).toBe(String(want.analysis.deadline?.daysRemaining ?? ''));
        expect(row.warnings).toBe(String(want.analysis.warnings.length));
        expect(row.error).toBe('');
      } else {
        // The error message holds commas and quotes: the cell is quoted, and parses back whole.
        expect(row.error?.startsWith(`${want.error?.code}: `)).toBe(true);
        expect(row.category).toBe('');
      }
    });
  });

  it('writes only the columns asked for, and refuses an unknown one or --fields without csv', () => {
    const input = tempFile('few.ndjson');
    writeFileSync(input, ndjson(2, new Map()));
    const few = cli([input, '--as-of', '2026-12-24', '--output-format', 'csv', '--fields', 'source,status']);
    expect(few.stdout.split('\n')[0]).toBe('source,status');
    const unknown = cli([input, '--output-format', 'csv', '--fields', 'source,colour']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown field colour; the fields are source, claim_id,');
    const ndjsonFields = cli([input, '--fields', 'source']);
    expect(ndjsonFields.status).toBe(2);
    expect(ndjsonFields.stderr).toContain('--fields chooses the columns of --output-format csv');
  });

  it('reads an 835 from stdin (detected) and names each claim', async () => {
    const { parse } = await import('csv-parse/sync');
    const text = readFileSync(join(root, 'fixtures/adapters/x12/multi-claim.835'), 'utf8');
    const result = cli(
      ['-', '--plan-type', 'employer_erisa', '--as-of', '2026-01-20', '--output-format', 'csv'],
      text,
    );
    expect(result.status).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    // DTM*405 production date 2026-01-12 + 180 days = 2026-07-11 (as in the analyze test of this file).
    expect(rows.map((row) => [row.source, row.claim_id, row.category, row.deadline])).toEqual([
      ['claim PCN-SYN-2002', 'PCN-SYN-2002', 'prior_authorization', '2026-07-11'],
      ['claim PCN-SYN-2003 line 1', 'PCN-SYN-2003', 'duplicate_or_bundled', '2026-07-11'],
    ]);
    expect(result.stderr).toBe(
      'overturn batch: 2 records, 0 with an error; by category: duplicate_or_bundled 1, prior_authorization 1; by deadline status: open 2\n',
    );
  });
});

describe('overturn batch on a FHIR Bundle line', () => {
  it('answers each adjudication of a Bundle on one line, each with that line and its own source', () => {
    const eob = JSON.parse(
      readFileSync(join(root, 'fixtures/adapters/fhir/eob-professional-partial.json'), 'utf8'),
    );
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: eob }] };
    const file = tempFile('bundle.ndjson');
    writeFileSync(file, `${JSON.stringify(bundle)}\nnot json\n`);
    const result = cli([file, '--plan-type', 'individual_market', '--as-of', '2026-01-20', '--no-progress']);
    expect(result.status).toBe(1);
    const answers = parseOutput(result.stdout) as {
      line: number;
      source?: string;
      error?: { code: string };
    }[];
    expect(
      answers.map((answer) => [answer.line, answer.source?.replace(/\/.*#/, '#'), answer.error?.code]),
    ).toEqual([
      [1, 'ExplanationOfBenefit#item-2', undefined],
      [1, 'ExplanationOfBenefit#item-3', undefined],
      [2, undefined, 'INVALID_JSON'],
    ]);
  });
});

describe('overturn batch --output-format parquet', () => {
  it('writes the columns as a Parquet file that reads back row for row, from workers too', async () => {
    const { parquetReadObjects } = await import('hyparquet');
    const input = tempFile('parquet.ndjson');
    const text = ndjson(40, new Map([[7, 'not json']]));
    writeFileSync(input, text);
    const out = tempFile('answers.parquet');
    const result = cli([
      input,
      '--as-of',
      '2026-12-24',
      '--output-format',
      'parquet',
      '--out',
      out,
      '--workers',
      '2',
    ]);
    expect(result.status).toBe(1);
    const bytes = readFileSync(out);
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    })) as Record<string, unknown>[];
    const expected = expectedRecords(text, '2026-12-24');
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, index) => {
      const want = expected[index] as (typeof expected)[number];
      expect(row.source).toBe(`line ${want.line}`);
      if (want.analysis) {
        expect(row.category).toBe(want.analysis.classification.category);
        expect(row.days_remaining).toBe(want.analysis.deadline?.daysRemaining ?? null);
        expect(row.warnings).toBe(want.analysis.warnings.length);
        expect(row.error).toBeNull();
      } else expect(String(row.error).startsWith(`${want.error?.code}: `)).toBe(true);
    });
  });

  it('needs --out', () => {
    const input = tempFile('one.ndjson');
    writeFileSync(input, ndjson(1, new Map()));
    const result = cli([input, '--output-format', 'parquet']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--output-format parquet writes a file: give --out');
  });
});
