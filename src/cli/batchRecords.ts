/**
 * How `overturn batch` writes each answer: an NDJSON line (the full analysis, or the error) or a CSV row of
 * documented columns for analysts, and the counts by category and status that end the run's summary.
 */
import { stringify } from 'csv-stringify/sync';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import type { OverturnIssue } from '../errors.js';

/** Output formats of `batch`. */
export const OUTPUT_FORMATS = ['ndjson', 'csv', 'parquet'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The CSV columns `batch --output-format csv` can write, in their default order (README "Batch output"):
 * where the record came from, what the denial is, the appeal deadline, the specialist, and what went wrong.
 */
export const BATCH_FIELDS = [
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
] as const;
export type BatchField = (typeof BATCH_FIELDS)[number];

/** Answers counted by classification category and by deadline status. */
export interface Tally {
  category: Record<string, number>;
  status: Record<string, number>;
}

export function emptyTally(): Tally {
  return { category: {}, status: {} };
}

/** Adds the counts of `from` to `into`. */
export function mergeTally(into: Tally, from: Tally): void {
  for (const key of ['category', 'status'] as const)
    for (const [name, count] of Object.entries(from[key])) into[key][name] = (into[key][name] ?? 0) + count;
}

/** The error of a record that could not be analysed. */
export interface RecordError {
  code: string;
  issues: OverturnIssue[];
}

/** Where a record came from: its input line (NDJSON), its label (a claim of an 835 or FHIR resource), or both. */
export interface RecordPlace {
  line?: number;
  source?: string;
}

/** How a batch writes its records. */
export interface RecordFormat {
  format: OutputFormat;
  fields: readonly BatchField[];
}

/**
 * Turns each record into its output text, handed to `push`, and counts the answers. NDJSON lines keep the
 * shape batch has always written: `{"line":N,"analysis":{…}}`, `{"line":N,"source":"…","analysis":{…}}`,
 * `{"line":N,"error":{…}}`, `{"line":N,"denied":0}`.
 */
export class RecordWriter {
  readonly tally: Tally = emptyTally();

  constructor(
    private readonly options: RecordFormat,
    private readonly push: (text: string) => void,
  ) {}

  /** The CSV header row (empty for NDJSON and Parquet). */
  header(): string {
    return this.options.format === 'csv' ? stringify([this.options.fields as BatchField[]]) : '';
  }

  /** Whether records are table rows (CSV, or Parquet: rows as JSON arrays for the Parquet sink). */
  private get tabular(): boolean {
    return this.options.format !== 'ndjson';
  }

  analysis(analysis: CaseAnalysis, at: RecordPlace): void {
    const category = analysis.classification.category;
    this.tally.category[category] = (this.tally.category[category] ?? 0) + 1;
    const status = analysis.deadline?.status ?? 'no_deadline';
    this.tally.status[status] = (this.tally.status[status] ?? 0) + 1;
    if (this.tabular) {
      this.row(at, {
        category,
        dispute_kind: analysis.classification.disputeKind,
        confidence: analysis.classification.confidence,
        level: analysis.deadline?.level,
        deadline: analysis.deadline?.deadline,
        status: analysis.deadline?.status,
        days_remaining: analysis.deadline?.daysRemaining,
        specialist_taxonomy: analysis.specialist?.specialty.taxonomyCode,
        warnings: analysis.warnings.length,
      });
      return;
    }
    this.push(`{${this.place(at)}"analysis":${JSON.stringify(analysis)}}\n`);
  }

  error(error: RecordError, at: RecordPlace): void {
    if (this.tabular) {
      const [first] = error.issues;
      const path = first?.path ?? [];
      // An 835 issue's path is ['segment', 20, 'CAS03']: "segment 20 (CAS03)".
      const where = !path.length
        ? ''
        : path[0] === 'segment'
          ? ` at segment ${path[1]}${path[2] !== undefined ? ` (${path[2]})` : ''}`
          : ` at ${path.join('.')}`;
      this.row(at, { error: `${error.code}${first ? `: ${first.message}${where}` : ''}` });
      return;
    }
    this.push(`${JSON.stringify({ ...at, error })}\n`);
  }

  /** A record with nothing denied in it (a FHIR resource that paid every item). */
  none(at: RecordPlace): void {
    if (this.tabular) this.row(at, {});
    else this.push(`{${this.place(at)}"denied":0}\n`);
  }

  private place(at: RecordPlace): string {
    return `${at.line !== undefined ? `"line":${at.line},` : ''}${at.source !== undefined ? `"source":${JSON.stringify(at.source)},` : ''}`;
  }

  private row(at: RecordPlace, values: Partial<Record<BatchField, string | number | undefined>>): void {
    const cells: Record<BatchField, string | number | undefined> = {
      ...values,
      source: at.source !== undefined ? at.source : `line ${at.line}`,
      // "claim PCN-1 line 2" (an 835 or FHIR label) → PCN-1.
      claim_id: at.source?.match(/^claim (\S+)/)?.[1],
    } as Record<BatchField, string | number | undefined>;
    if (this.options.format === 'parquet') {
      // One JSON array per row, empty cells null: the Parquet sink parses them into typed columns.
      this.push(`${JSON.stringify(this.options.fields.map((field) => cells[field] ?? null))}\n`);
      return;
    }
    this.push(stringify([this.options.fields.map((field) => cells[field] ?? '')]));
  }
}

/**
 * Reads a `--fields` list (`source,category,deadline`), refusing unknown names.
 *
 * @example
 * ```ts
 * parseFields('source, deadline'); // ['source', 'deadline']
 * ```
 */
export function parseFields(value: string): BatchField[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(BATCH_FIELDS as readonly string[]).includes(name));
  if (!names.length || unknown.length)
    throw new Error(
      `${unknown.length ? `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ` : ''}the fields are ${BATCH_FIELDS.join(', ')}`,
    );
  return names as BatchField[];
}

/** The one-line summary of a batch on stderr: records, errors, then the counts by category and by status. */
export function summaryLine(summary: { cases: number; errors: number; tally: Tally }): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  const parts = [`${summary.cases} records, ${summary.errors} with an error`];
  if (Object.keys(summary.tally.category).length)
    parts.push(`by category: ${counts(summary.tally.category)}`);
  if (Object.keys(summary.tally.status).length)
    parts.push(`by deadline status: ${counts(summary.tally.status)}`);
  return `overturn batch: ${parts.join('; ')}\n`;
}
