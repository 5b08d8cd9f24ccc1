/**
 * The unit of work of `overturn batch`: a chunk of input records, analysed into answer lines. The same code
 * runs in the main thread (`--workers 0`) and in each worker thread, so a chunk and its result are plain
 * data that can be posted between threads.
 *
 * A chunk holds either NDJSON lines (case files or FHIR resources, parsed here) or the cases an 835 stream
 * reader has already found (parsing an 835 is sequential; analysing its claims is not).
 */
import type { CaseAnalysis } from '../analyzeCase/types.js';
import type { CaseInput } from '../buildChecklist/types.js';
import { OverturnError, type OverturnIssue } from '../errors.js';
import { type RecordFormat, RecordWriter, type Tally } from './batchRecords.js';
import { type CaseContext, casesFromFhir, isFhirResource, type LabelledCase } from './inputFormats.js';

/** The error code of a batch record; `INVALID_JSON` when an NDJSON line is not JSON. */
export type BatchErrorCode = OverturnError['code'] | 'INVALID_JSON' | 'INTERNAL_ERROR';

/** The dates and context every record of a batch shares. */
export interface Dates {
  asOf?: string;
  defaultAsOf?: string;
  /** What FHIR resources and 835s do not say (plan type, receipt date, state, funding). */
  context: Omit<CaseContext, 'asOf'>;
}

/** One record an 835 stream reader produced: a case to analyse, or a problem to report, named by `source`. */
export type FoundCase =
  | { source: string; input: unknown; warnings: string[] }
  | { source: string; issues: OverturnIssue[] };

/**
 * Consecutive records: NDJSON `lines` (blank lines included), the first of them line `first` (1-based), or
 * the `found` cases of an 835.
 */
export type ChunkRecords = { first: number; lines: string[] } | { found: FoundCase[] };
/** Records with the number that orders them among the chunks of a run. */
export type Chunk = ChunkRecords & { id: number };

export interface ChunkResult {
  /** The answer records of the chunk, as UTF-8 (in a buffer of its own, so a worker can transfer it). */
  output: Uint8Array;
  /** Hands the buffer of `output` back to the thread that filled it, once written. */
  recycle?: () => void;
  /** Records read (non-blank lines, or found cases). */
  cases: number;
  errors: number;
  tally: Tally;
}

type Analyze = (input: CaseInput) => CaseAnalysis;

/**
 * UTF-8 output, line by line, in a buffer reused from chunk to chunk. Encoding each line as it is made is
 * several times faster than concatenating a chunk into one string first: answers hold non-Latin-1
 * characters (curly quotes, dashes), so the joined string is two-byte and slow to flatten and encode.
 */
export class Utf8Lines {
  private readonly spare: ArrayBuffer[] = [];
  private buffer = Buffer.allocUnsafeSlow(1 << 20);
  private length = 0;

  push(text: string): void {
    const room = this.length + text.length * 3; // at most 3 bytes per UTF-16 code unit
    if (room > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(room, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }

  /**
   * The bytes so far, then starts over in another buffer. The bytes are a view from offset 0 of a buffer of
   * their own (so a worker can transfer it), the caller's until given back with {@link giveBack}.
   */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.length);
    const spare = this.spare.pop();
    this.buffer = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(this.buffer.length);
    this.length = 0;
    return bytes;
  }

  /**
   * Takes back a buffer from {@link take} once its bytes are written. Reusing buffers matters: allocating
   * megabytes per chunk and touching fresh pages costs more than encoding them (page faults, in a VM).
   */
  giveBack(buffer: ArrayBuffer): void {
    if (this.spare.length < 4 && buffer.byteLength > 0) this.spare.push(buffer);
  }
}

/** Analyses the records of a chunk into answer records, in order. */
export function analyseChunk(
  analyze: Analyze,
  dates: Dates,
  records: RecordFormat,
  chunk: Chunk,
  output: Utf8Lines,
): ChunkResult {
  const writer = new RecordWriter(records, (text) => output.push(text));
  const counts =
    'lines' in chunk
      ? analyseLines(analyze, dates, chunk, writer)
      : analyseFound(analyze, chunk.found, writer);
  return { output: output.take(), ...counts, tally: writer.tally };
}

function analyseFound(
  analyze: Analyze,
  found: readonly FoundCase[],
  writer: RecordWriter,
): { cases: number; errors: number } {
  let errors = 0;
  for (const record of found) {
    if ('issues' in record) {
      errors++;
      writer.error({ code: 'INVALID_INPUT', issues: record.issues }, { source: record.source });
    } else if (!analyseLabelled(analyze, record.input, record.warnings, { source: record.source }, writer))
      errors++;
  }
  return { cases: found.length, errors };
}

function analyseLines(
  analyze: Analyze,
  dates: Dates,
  chunk: { first: number; lines: string[] },
  writer: RecordWriter,
): { cases: number; errors: number } {
  let cases = 0;
  let errors = 0;
  for (let index = 0; index < chunk.lines.length; index++) {
    let text = chunk.lines[index] as string;
    const line = chunk.first + index;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark
    if (isBlank(text)) continue;
    cases++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      errors++;
      writer.error(
        { code: 'INVALID_JSON', issues: [{ path: [], message: (error as Error).message }] },
        { line },
      );
      continue;
    }
    // The parsed line says what it is: a FHIR resource (or Bundle) by its resourceType, else a case.
    if (isFhirResource(parsed)) errors += analyseFhirLine(analyze, dates, parsed, line, writer);
    else if (!analyseLabelled(analyze, withAsOf(dates, parsed), [], { line }, writer)) errors++;
  }
  return { cases, errors };
}

/** One answer line per denied item of a FHIR resource (`"source"` names it), or an error line; returns the error count. */
function analyseFhirLine(
  analyze: Analyze,
  dates: Dates,
  resource: unknown,
  line: number,
  writer: RecordWriter,
): number {
  let cases: LabelledCase[];
  try {
    const asOf = dates.asOf ?? dates.defaultAsOf;
    cases = casesFromFhir([resource], { ...dates.context, ...(asOf ? { asOf } : {}) });
  } catch (error) {
    writer.error(errorOf(error), { line });
    return 1;
  }
  if (!cases.length) writer.none({ line });
  let errors = 0;
  for (const { label, input, warnings } of cases)
    if (!analyseLabelled(analyze, input, warnings, { line, source: label as string }, writer)) errors++;
  return errors;
}

/**
 * Writes the analysis of one case, with the warnings its adapter raised first (as `overturn analyze` shows
 * them), or its error. Returns whether it was analysed.
 */
function analyseLabelled(
  analyze: Analyze,
  input: unknown,
  warnings: readonly string[],
  at: { line?: number; source?: string },
  writer: RecordWriter,
): boolean {
  let analysis: CaseAnalysis;
  try {
    analysis = analyze(input as CaseInput);
  } catch (error) {
    writer.error(errorOf(error), at);
    return false;
  }
  if (warnings.length) analysis.warnings.unshift(...warnings);
  writer.analysis(analysis, at);
  return true;
}

/** A case line with the batch's date: `asOf` replaces the case's own, `defaultAsOf` fills it when absent. */
function withAsOf(dates: Dates, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (dates.asOf !== undefined) return { ...value, asOf: dates.asOf };
  if ((value as { asOf?: unknown }).asOf === undefined && dates.defaultAsOf !== undefined)
    return { ...value, asOf: dates.defaultAsOf };
  return value;
}

/** The record error of anything thrown while reading or analysing a record. */
export function errorOf(error: unknown): { code: BatchErrorCode; issues: OverturnIssue[] } {
  if (error instanceof OverturnError) return { code: error.code, issues: error.issues };
  // Anything else is a bug in overturn: report it on the record and go on.
  return {
    code: 'INTERNAL_ERROR',
    issues: [{ path: [], message: error instanceof Error ? error.message : String(error) }],
  };
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // Most lines start with `{`: only lines starting with whitespace need a closer look.
  if (first !== 0x20 && first !== 0x09 && first !== 0x0d && first !== 0xa0 && first !== 0xfeff) return false;
  return text.trim() === '';
}
