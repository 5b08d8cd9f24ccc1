/**
 * `overturn batch`: NDJSON cases in, NDJSON analyses out, in input order, in constant memory.
 *
 * The input is read line by line; lines are grouped in chunks, and each chunk is analysed either here
 * (`workers: 0`) or by a pool of worker threads, each of which compiles the rule set once. At most
 * `2 × workers` chunks are in flight, results are written in input order, and the output stream's
 * backpressure is respected, so memory does not grow with the size of the input.
 *
 * The worker entry is this very module: a worker re-enters the file the main thread was loaded from
 * (`src/cli/batch.ts` under tsx, `dist/cli.js` once bundled), sees `workerData` and starts serving
 * chunks instead of running the command line (main.ts skips `run()` in a batch worker).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { X12StreamReader } from '../adapters/x12/stream.js';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import type { CaseInput } from '../buildChecklist/types.js';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { OverturnError, type OverturnIssue } from '../errors.js';
import { createOverturn, type Overturn } from '../index.js';
import {
  BATCH_FIELDS,
  type BatchField,
  emptyTally,
  mergeTally,
  type OutputFormat,
  type RecordFormat,
  RecordWriter,
  type Tally,
} from './batchRecords.js';
import {
  type CaseContext,
  caseOfX12,
  casesFromFhir,
  isFhirResource,
  type LabelledCase,
} from './inputFormats.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';
import { ParquetOutput } from './parquetOutput.js';

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** The NDJSON file of cases, or `-` for stdin. */
  input: string;
  /** Where to write the NDJSON answers (default: stdout). */
  out?: string;
  /** A rule-set directory to use instead of the bundled rules. */
  rules?: string;
  /** Today's date for every case, overriding each case's own `asOf`. */
  asOf?: string;
  /** The date for cases without an `asOf` when `asOf` is not given (the CLI passes today's date). */
  defaultAsOf?: string;
  /** Worker threads (default: `min(availableParallelism(), 4)` for a file over 1 MB, else 0 = this thread). */
  workers?: number;
  /** Show a progress bar on stderr (default: when stderr is a terminal). */
  progress?: boolean;
  /**
   * What FHIR resources on a line do not say (plan type, receipt date, state, funding). A line holding a
   * FHIR R4 ExplanationOfBenefit or ClaimResponse gives one answer line per denied item.
   */
  context?: Omit<CaseContext, 'asOf'>;
  /** `ndjson` (the full analyses, default) or `csv` (the columns of `fields`, with a header row). */
  outputFormat?: OutputFormat;
  /** The CSV columns, in order (default: all of {@link BATCH_FIELDS}). */
  fields?: readonly BatchField[];
}

/** What {@link runBatch} did. */
export interface BatchSummary {
  /** Records (non-blank lines) read. */
  cases: number;
  /** Records answered with an error line. */
  errors: number;
  /** The answers by classification category and by deadline status. */
  tally: Tally;
  /** Wall time in milliseconds. */
  ms: number;
}

/** The error code of a batch line; `INVALID_JSON` when the line is not JSON. */
export type BatchErrorCode = OverturnError['code'] | 'INVALID_JSON' | 'INTERNAL_ERROR';

/** Characters of an 835 read before the answers so far are written. */
const X12_SLICE = 1 << 14;

/** Lines per chunk, and the size (in characters of input) at which a chunk is sent before it is full. */
const CHUNK_LINES = 500;
const CHUNK_CHARS = 1 << 20;
/** Inputs larger than this get a worker pool by default. */
const WORKERS_FROM_BYTES = 1 << 20;
const WORKER_TAG = 'overturn:batch-worker';

interface Dates {
  asOf?: string;
  defaultAsOf?: string;
  /** What FHIR resources do not say (see `BatchOptions.context`). */
  context: Omit<CaseContext, 'asOf'>;
}

interface WorkerData {
  tag: typeof WORKER_TAG;
  rules?: RuleSetSource;
  dates: Dates;
  records: RecordFormat;
  /** For tests: the worker throws on the chunk with this id. */
  crashAt?: number;
}

/** @internal For tests only: smaller chunks, and a worker that crashes on the chunk with this id (0-based). */
export const batchTestHooks: { chunkLines?: number; crashWorkerAt?: number } = {};

/** A run of consecutive input lines, the first of them line `first` (1-based); blank lines included. */
interface Chunk {
  id: number;
  first: number;
  lines: string[];
}

interface ChunkResult {
  /** The NDJSON answer lines of the chunk, as UTF-8 (in a buffer of its own, so a worker can transfer it). */
  output: Uint8Array;
  /** Hands the buffer of `output` back to the thread that filled it, once written. */
  recycle?: () => void;
  cases: number;
  errors: number;
  tally: Tally;
}

/** True in a worker thread started by {@link runBatch}. */
export function isBatchWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerData> | null)?.tag === WORKER_TAG;
}

/**
 * Analyses an NDJSON file (or stdin) of cases, writing `{"line":N,"analysis":{…}}` or
 * `{"line":N,"error":{"code","issues"}}` for each non-blank line, in input order. Bad records never stop
 * the run. Throws when the input cannot be read, the rule set is invalid, the output cannot be written
 * or a worker crashes.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const fromStdin = options.input === '-';
  const stat = fromStdin ? undefined : statSync(options.input);
  if (stat?.isDirectory()) throw new Error(`${options.input} is a directory, not an NDJSON file`);
  const size = stat?.size;
  const rules = options.rules !== undefined ? loadRuleDirectory(options.rules) : undefined;
  const dates: Dates = {
    asOf: options.asOf,
    defaultAsOf: options.defaultAsOf,
    context: options.context ?? {},
  };
  const workers =
    options.workers ??
    (size !== undefined && size > WORKERS_FROM_BYTES ? Math.min(availableParallelism(), 4) : 0);
  if (!Number.isInteger(workers) || workers < 0) throw new Error(`workers must be 0 or more, not ${workers}`);
  // A custom rule set is compiled here even with workers, so that a bad one fails before anything is read.
  const overturn = workers === 0 || rules ? createOverturn(rules ? { rules } : {}) : undefined;
  const records: RecordFormat = {
    format: options.outputFormat ?? 'ndjson',
    fields: options.fields ?? BATCH_FIELDS,
  };
  const tally = emptyTally();

  const { out, output } = openOutput(options.out, records);
  if (options.out !== undefined) await output.opened();
  const header = new RecordWriter(records, () => {}).header();
  if (header) await output.write(Buffer.from(header));
  const input = fromStdin ? process.stdin : createReadStream(options.input);
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let inputError: Error | undefined;
  const onInputError = (error: Error) => {
    inputError ??= error;
    reader.close(); // ends the loop below, which then throws the error
  };
  input.on('error', onInputError);
  const bar = (options.progress ?? Boolean(process.stderr.isTTY)) ? new Progress(size) : undefined;
  const pool =
    workers > 0
      ? new WorkerPool(workers, {
          tag: WORKER_TAG,
          dates,
          records,
          ...(rules ? { rules } : {}),
          crashAt: batchTestHooks.crashWorkerAt,
        })
      : undefined;
  const maxInFlight = Math.max(1, workers * 2);
  const chunkLines = batchTestHooks.chunkLines ?? CHUNK_LINES;
  const inFlight: Promise<ChunkResult>[] = [];
  const utf8 = new Utf8Lines();
  let cases = 0;
  let errors = 0;
  let nextId = 0;
  let lineNumber = 0;
  let lines: string[] = [];
  let chars = 0;

  const write = async (result: ChunkResult) => {
    cases += result.cases;
    errors += result.errors;
    mergeTally(tally, result.tally);
    await output.write(result.output, result.recycle);
    bar?.update(cases, 'bytesRead' in input ? input.bytesRead : 0);
  };
  const dispatch = async () => {
    const chunk: Chunk = { id: nextId++, first: lineNumber - lines.length + 1, lines };
    lines = [];
    chars = 0;
    if (!pool) {
      const result = analyseChunk((overturn as Overturn).analyzeCase, dates, records, chunk, utf8);
      return write({ ...result, recycle: () => utf8.giveBack(result.output.buffer as ArrayBuffer) });
    }
    const pending = pool.run(chunk);
    pending.catch(() => {}); // awaited below, in order; this only keeps an early rejection from going unhandled
    inFlight.push(pending);
    while (inFlight.length >= maxInFlight) await write(await (inFlight.shift() as Promise<ChunkResult>));
  };

  try {
    for await (const line of reader) {
      if (inputError) break;
      lineNumber++;
      lines.push(line);
      chars += line.length;
      if (lines.length >= chunkLines || chars >= CHUNK_CHARS) await dispatch();
    }
    if (inputError) throw inputError;
    if (lines.length) await dispatch();
    while (inFlight.length) await write(await (inFlight.shift() as Promise<ChunkResult>));
    await output.finish(options.out !== undefined);
  } finally {
    reader.close();
    input.off('error', onInputError);
    if (!fromStdin) input.destroy();
    bar?.stop();
    await pool?.close();
    output.dispose();
    if (out && options.out !== undefined && !out.destroyed) out.destroy();
  }
  return { cases, errors, tally, ms: performance.now() - started };
}

/**
 * UTF-8 output, line by line, in a buffer reused from chunk to chunk. Encoding each line as it is made is
 * several times faster than concatenating a chunk into one string first: answers hold non-Latin-1
 * characters (curly quotes, dashes), so the joined string is two-byte and slow to flatten and encode.
 */
class Utf8Lines {
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

/** Analyses the non-blank lines of a chunk into NDJSON answer lines. */
function analyseChunk(
  analyze: (input: CaseInput) => CaseAnalysis,
  dates: Dates,
  records: RecordFormat,
  chunk: Chunk,
  output: Utf8Lines,
): ChunkResult {
  const writer = new RecordWriter(records, (text) => output.push(text));
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
    if (isFhirResource(parsed)) {
      errors += analyseFhirLine(analyze, dates, parsed, line, writer);
      continue;
    }
    const answer = analyseCase(analyze, dates, parsed);
    if ('error' in answer) {
      errors++;
      writer.error(answer.error, { line });
    } else writer.analysis(answer.analysis, { line });
  }
  return { output: output.take(), cases, errors, tally: writer.tally };
}

/** One answer line per denied item of a FHIR resource (`"source"` names it), or an error line; returns the error count. */
function analyseFhirLine(
  analyze: (input: CaseInput) => CaseAnalysis,
  dates: Dates,
  resource: unknown,
  line: number,
  writer: RecordWriter,
): number {
  let cases: LabelledCase[];
  try {
    cases = casesFromFhir([resource], {
      ...dates.context,
      ...((dates.asOf ?? dates.defaultAsOf) ? { asOf: (dates.asOf ?? dates.defaultAsOf) as string } : {}),
    });
  } catch (error) {
    writer.error(errorOf(error), { line });
    return 1;
  }
  if (!cases.length) writer.none({ line });
  let errors = 0;
  for (const { label, input } of cases) {
    try {
      writer.analysis(analyze(input as CaseInput), { line, source: label });
    } catch (error) {
      errors++;
      writer.error(errorOf(error), { line, source: label });
    }
  }
  return errors;
}

function errorOf(error: unknown): { code: BatchErrorCode; issues: OverturnIssue[] } {
  if (error instanceof OverturnError) return { code: error.code, issues: error.issues };
  if (error instanceof SyntaxError)
    return { code: 'INVALID_JSON', issues: [{ path: [], message: error.message }] };
  return {
    code: 'INTERNAL_ERROR',
    issues: [{ path: [], message: error instanceof Error ? error.message : String(error) }],
  };
}

function analyseCase(
  analyze: (input: CaseInput) => CaseAnalysis,
  dates: Dates,
  value: unknown,
): { analysis: CaseAnalysis } | { error: { code: BatchErrorCode; issues: OverturnIssue[] } } {
  let parsed = value;
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const own = (parsed as { asOf?: unknown }).asOf;
    if (dates.asOf !== undefined) parsed = { ...parsed, asOf: dates.asOf };
    else if (own === undefined && dates.defaultAsOf !== undefined)
      parsed = { ...parsed, asOf: dates.defaultAsOf };
  }
  try {
    return { analysis: analyze(parsed as CaseInput) };
  } catch (error) {
    if (error instanceof OverturnError) return { error: { code: error.code, issues: error.issues } };
    // Anything else is a bug in overturn: report it on the record's line and go on.
    const message = error instanceof Error ? error.message : String(error);
    return { error: { code: 'INTERNAL_ERROR', issues: [{ path: [], message }] } };
  }
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // Most lines start with `{`: only lines starting with whitespace need a closer look.
  if (first !== 0x20 && first !== 0x09 && first !== 0x0d && first !== 0xa0 && first !== 0xfeff) return false;
  return text.trim() === '';
}

/** Where a batch writes: a Parquet file, or the NDJSON / CSV text to a file or stdout. */
function openOutput(
  file: string | undefined,
  records: RecordFormat,
): { out?: Writable; output: Output | ParquetOutput } {
  if (records.format === 'parquet') {
    if (file === undefined) throw new Error('--output-format parquet writes a file: give --out');
    return { output: new ParquetOutput(file, records.fields) };
  }
  const out: Writable = file !== undefined ? createWriteStream(file) : process.stdout;
  return { out, output: new Output(out) };
}

/** Writes to a stream, waiting for 'drain' when its buffer is full; fails on the stream's first error. */
class Output {
  private error: Error | undefined;
  private readonly onError = (error: Error) => {
    this.error ??= error;
  };

  constructor(private readonly stream: Writable) {
    stream.on('error', this.onError);
  }

  async opened(): Promise<void> {
    if (this.error) throw this.error;
    if ('pending' in this.stream && this.stream.pending) await this.until('ready');
  }

  /** Writes `chunk`, waiting for 'drain' when the stream is full; `written` runs once the bytes are out. */
  async write(chunk: Uint8Array, written?: () => void): Promise<void> {
    if (this.error) throw this.error;
    if (chunk.length === 0) return written?.();
    const ok = this.stream.write(chunk, (error) => {
      if (!error) written?.();
    });
    if (!ok) await this.until('drain');
  }

  /** Ends a file (and waits until it is flushed); for stdout, waits until its buffer has drained. */
  async finish(end: boolean): Promise<void> {
    if (this.error) throw this.error;
    if (end) {
      this.stream.end();
      await this.until('finish');
    } else if (this.stream.writableNeedDrain) await this.until('drain');
  }

  /** Stops listening to the stream (stdout outlives the run). */
  dispose(): void {
    this.stream.off('error', this.onError);
  }

  private async until(event: string): Promise<void> {
    if (this.error) throw this.error;
    if (this.stream.destroyed) throw new Error('the output was closed before the batch finished');
    // `once` rejects on 'error'; 'close' before the event means the reader went away.
    const controller = new AbortController();
    const { signal } = controller;
    try {
      await Promise.race([
        once(this.stream, event, { signal }),
        once(this.stream, 'close', { signal }).then(() => {
          throw this.error ?? new Error('the output was closed before the batch finished');
        }),
      ]);
    } finally {
      controller.abort();
    }
  }
}

interface Waiting {
  resolve(result: ChunkResult): void;
  reject(error: Error): void;
}

/** Worker threads that analyse chunks; each answers its chunks in the order it got them. */
class WorkerPool {
  private readonly workers: { worker: Worker; waiting: Waiting[] }[] = [];
  private failure: Error | undefined;
  private closing = false;

  constructor(size: number, data: WorkerData) {
    const { url, options } = workerEntry();
    for (let index = 0; index < size; index++) {
      const worker = new Worker(url, { ...options, workerData: data });
      const slot = { worker, waiting: [] as Waiting[] };
      worker.on('message', (message: ChunkResult) => {
        const buffer = message.output.buffer as ArrayBuffer;
        const recycle = () => {
          if (!this.closing) worker.postMessage({ recycle: buffer }, [buffer]);
        };
        slot.waiting.shift()?.resolve({ ...message, recycle });
      });
      worker.on('error', (error) => {
        this.fail(new Error(`batch worker ${index + 1} crashed: ${error.message}`, { cause: error }));
      });
      worker.on('exit', (code) => {
        if (!this.closing)
          this.fail(new Error(`batch worker ${index + 1} exited unexpectedly (exit code ${code})`));
      });
      this.workers.push(slot);
    }
  }

  /** Sends a chunk to the least busy worker. */
  run(chunk: Chunk): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.workers[0] as (typeof this.workers)[number];
    for (const other of this.workers) if (other.waiting.length < slot.waiting.length) slot = other;
    return new Promise<ChunkResult>((resolve, reject) => {
      slot.waiting.push({ resolve, reject });
      slot.worker.postMessage(chunk);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private fail(error: Error): void {
    if (this.closing) return;
    this.failure ??= error;
    for (const slot of this.workers)
      for (const waiting of slot.waiting.splice(0)) waiting.reject(this.failure);
  }
}

/**
 * How to start a worker on this module. Bundled (`dist/cli.js`), the file itself; from source under tsx,
 * a small script that registers tsx in the worker first (tsx's `--import` hook is not applied to worker
 * threads on Node 20), then imports this file.
 */
function workerEntry(): { url: URL | string; options: { eval?: boolean } } {
  const self = import.meta.url;
  if (!/\.[cm]?ts$/.test(new URL(self).pathname)) return { url: new URL(self), options: {} };
  let tsx: string;
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    return { url: new URL(self), options: {} }; // TypeScript without tsx: the runtime strips types itself
  }
  const script = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); });`;
  return { url: script, options: { eval: true } };
}

/** The worker side: compile the rule set once, then answer chunks until terminated. */
function serveChunks(): void {
  const data = workerData as WorkerData;
  const port = parentPort;
  if (!port) return;
  const overturn = createOverturn(data.rules ? { rules: data.rules } : {});
  const output = new Utf8Lines();
  port.on('message', (message: Chunk | { recycle: ArrayBuffer }) => {
    if ('recycle' in message) return output.giveBack(message.recycle);
    const chunk = message;
    if (chunk.id === data.crashAt) throw new Error(`simulated crash on chunk ${chunk.id}`);
    const result = analyseChunk(overturn.analyzeCase, data.dates, data.records, chunk, output);
    port.postMessage(result, [result.output.buffer as ArrayBuffer]);
  });
}

/** A progress bar on stderr: bytes of the file read, or the count of cases for stdin. */
class Progress {
  private readonly bar: cliProgress.SingleBar;
  private readonly started = performance.now();

  constructor(private readonly size: number | undefined) {
    const format =
      size !== undefined
        ? 'batch {bar} {percentage}% | {read}/{total_mb} MB | {cases} cases | {rate} cases/s | ETA {eta_formatted}'
        : 'batch {cases} cases | {rate} cases/s | {duration_formatted}';
    this.bar = new cliProgress.SingleBar(
      { stream: process.stderr, format, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(size ?? 0, 0, this.payload(0, 0));
  }

  update(cases: number, bytesRead: number): void {
    this.bar.update(
      this.size !== undefined ? Math.min(bytesRead, this.size) : cases,
      this.payload(cases, bytesRead),
    );
  }

  stop(): void {
    this.bar.stop();
  }

  private payload(cases: number, bytesRead: number): Record<string, string | number> {
    const seconds = (performance.now() - this.started) / 1000;
    const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
    return {
      cases,
      rate: seconds > 0 ? Math.round(cases / seconds) : 0,
      read: mb(Math.min(bytesRead, this.size ?? bytesRead)),
      total_mb: mb(this.size ?? 0),
    };
  }
}

if (isBatchWorker()) serveChunks();

/**
 * An X12 835 in batch, streamed: each denied claim or service line is analysed and written as soon as its
 * claim is read (`"source"` names it), in memory that holds one claim, whatever the size of the file. A broken
 * claim or transaction is an error record naming it (`"source": "transaction 0001"`) and the rest is still
 * read; only a broken ISA header stops the reading.
 */
export async function runX12Batch(options: {
  input: string;
  out?: string;
  rules?: string;
  asOf: string;
  context: Omit<CaseContext, 'asOf'>;
  outputFormat?: OutputFormat;
  fields?: readonly BatchField[];
}): Promise<BatchSummary> {
  const started = performance.now();
  const context = { ...options.context, asOf: options.asOf };
  // Every claim would fail the same way: say it once, before reading.
  if (!context.planType)
    throw new OverturnError('INVALID_INPUT', [
      {
        path: ['planType'],
        message: 'an 835 does not say which kind of plan paid the claim: give --plan-type',
      },
    ]);
  const overturn = createOverturn(options.rules ? { rules: loadRuleDirectory(options.rules) } : {});
  const input = options.input === '-' ? process.stdin : createReadStream(options.input);
  const records: RecordFormat = {
    format: options.outputFormat ?? 'ndjson',
    fields: options.fields ?? BATCH_FIELDS,
  };
  const { out, output } = openOutput(options.out, records);
  let pending = '';
  const writer = new RecordWriter(records, (line) => {
    pending += line;
  });
  let cases = 0;
  let errors = 0;
  const reader = new X12StreamReader((item) => {
    cases++;
    if (item.kind === 'problem') {
      errors++;
      writer.error({ code: 'INVALID_INPUT', issues: item.issues }, { source: item.where });
      return;
    }
    const { label, input: caseInput } = caseOfX12(item.found, context);
    try {
      writer.analysis(overturn.analyzeCase(caseInput as CaseInput), { source: label });
    } catch (error) {
      errors++;
      writer.error(errorOf(error), { source: label });
    }
  });
  const decoder = new TextDecoder('utf-8');
  try {
    if (options.out !== undefined) await output.opened();
    pending = writer.header();
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      // Read 16 K characters at a time (about 100 claims) and write their answers before reading on, with the
      // stream's backpressure: the answers in memory at once stay few, whatever the size of stdin's chunks.
      for (let at = 0; at < text.length; at += X12_SLICE) {
        reader.push(text.slice(at, at + X12_SLICE));
        if (pending) {
          await output.write(Buffer.from(pending));
          pending = '';
        }
      }
    }
    reader.push(decoder.decode());
    reader.end();
    if (pending) await output.write(Buffer.from(pending));
    await output.finish(options.out !== undefined);
  } finally {
    output.dispose();
    if (options.input !== '-') (input as ReturnType<typeof createReadStream>).destroy();
    if (out && options.out !== undefined && !out.destroyed) out.destroy();
  }
  return { cases, errors, tally: writer.tally, ms: performance.now() - started };
}
