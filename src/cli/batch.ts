/**
 * `overturn batch`: records in (NDJSON cases or FHIR resources, or an X12 835), one answer record out per
 * case (NDJSON, CSV or Parquet), in input order, in constant memory, whatever the size of the input.
 *
 * The input is read as a stream and cut into chunks: NDJSON lines, or the claims an 835 stream reader has
 * found. {@link ChunkRunner} analyses each chunk in this thread or in worker threads and writes the answers
 * in order with the output stream's backpressure, so memory does not grow with the input.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { X12StreamReader } from '../adapters/x12/stream.js';
import { OverturnError } from '../errors.js';
import { createOverturn } from '../index.js';
import type { ChunkResult, Dates, FoundCase } from './batchChunks.js';
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
import { batchTestHooks, ChunkRunner } from './batchWorkers.js';
import { type CaseContext, caseOfX12 } from './inputFormats.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';
import { ParquetOutput } from './parquetOutput.js';

export type { BatchErrorCode } from './batchChunks.js';
export { batchTestHooks, isBatchWorker } from './batchWorkers.js';

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
  /**
   * Worker threads that analyse the records (0: this thread). Default: for an NDJSON file over 1 MB,
   * `min(availableParallelism(), 4)` on a machine with 2 or more CPUs, else 0; for stdin and for an 835, 0
   * (bench/batch.md says why).
   */
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
  /** Records (non-blank lines, or the claims of an 835) read. */
  cases: number;
  /** Records answered with an error line. */
  errors: number;
  /** The answers by classification category and by deadline status. */
  tally: Tally;
  /** Wall time in milliseconds. */
  ms: number;
  /** The worker threads that analysed the input at the end (0: this thread). */
  workers: number;
}

/** Characters of an 835 read before the claims found so far are handed on. */
const X12_SLICE = 1 << 14;

/** Records per chunk, and the size (in characters of input) at which a chunk is sent before it is full. */
const CHUNK_RECORDS = 500;
const CHUNK_CHARS = 1 << 20;
/** NDJSON files larger than this get a worker pool by default. */
const WORKERS_FROM_BYTES = 1 << 20;

/**
 * The default worker threads for an NDJSON file of `size` bytes (undefined: stdin), measured in
 * bench/batch.md. On 2 vCPUs, 2 workers were 1.6-1.8 times faster than none on NDJSON, at about twice the
 * memory; with 1 CPU a worker only adds its start-up and a second heap. Stdin stays in this thread: its
 * size is unknown, and the stream processors that pipe into it run one process per partition already.
 */
function defaultWorkers(size: number | undefined): number {
  const cpus = availableParallelism();
  return size !== undefined && size > WORKERS_FROM_BYTES && cpus >= 2 ? Math.min(cpus, 4) : 0;
}

/** What both kinds of batch set up: the input, the output, the runner, the progress bar, the counts. */
class BatchRun {
  readonly started = performance.now();
  readonly input: Readable;
  readonly records: RecordFormat;
  readonly tally = emptyTally();
  readonly runner: ChunkRunner;
  cases = 0;
  errors = 0;
  private readonly out: Writable | undefined;
  private readonly output: Output | ParquetOutput;
  private readonly bar: Progress | undefined;
  private readonly size: number | undefined;

  constructor(
    private readonly options: {
      input: string;
      out?: string;
      rules?: string;
      workers?: number;
      progress?: boolean;
      outputFormat?: OutputFormat;
      fields?: readonly BatchField[];
    },
    dates: Dates,
    /** The worker threads when `options.workers` is not given, from the input's size in bytes (stdin: undefined). */
    workersBySize: (size: number | undefined) => number,
  ) {
    const fromStdin = options.input === '-';
    const stat = fromStdin ? undefined : statSync(options.input);
    if (stat?.isDirectory()) throw new Error(`${options.input} is a directory, not a file`);
    this.size = stat?.size;
    const rules = options.rules !== undefined ? loadRuleDirectory(options.rules) : undefined;
    const workers = options.workers ?? workersBySize(this.size);
    if (!Number.isInteger(workers) || workers < 0)
      throw new Error(`workers must be 0 or more, not ${workers}`);
    // A custom rule set is compiled here even with workers, so that a bad one fails before anything is
    // opened or read.
    const overturn = rules ? createOverturn({ rules }) : undefined;
    this.records = { format: options.outputFormat ?? 'ndjson', fields: options.fields ?? BATCH_FIELDS };
    ({ out: this.out, output: this.output } = openOutput(options.out, this.records));
    this.runner = new ChunkRunner(
      workers,
      { dates, records: this.records, ...(rules ? { rules } : {}), ...(overturn ? { overturn } : {}) },
      (result) => this.write(result),
    );
    this.input = fromStdin ? process.stdin : createReadStream(options.input);
    this.bar = (options.progress ?? Boolean(process.stderr.isTTY)) ? new Progress(this.size) : undefined;
  }

  /** Opens the output and writes the CSV header. */
  async open(): Promise<void> {
    if (this.options.out !== undefined) await this.output.opened();
    const header = new RecordWriter(this.records, () => {}).header();
    if (header) await this.output.write(Buffer.from(header));
  }

  /** Writes the answers of every chunk in flight and ends the output. */
  async finish(): Promise<void> {
    await this.runner.finish();
    await this.output.finish(this.options.out !== undefined);
  }

  /** Frees everything, whether the run finished or failed. */
  async close(): Promise<BatchSummary> {
    if (this.options.input !== '-') this.input.destroy();
    this.bar?.stop();
    const workers = this.runner.workers;
    await this.runner.close();
    this.output.dispose();
    if (this.out && this.options.out !== undefined && !this.out.destroyed) this.out.destroy();
    return {
      cases: this.cases,
      errors: this.errors,
      tally: this.tally,
      ms: performance.now() - this.started,
      workers,
    };
  }

  private async write(result: ChunkResult): Promise<void> {
    this.cases += result.cases;
    this.errors += result.errors;
    mergeTally(this.tally, result.tally);
    await this.output.write(result.output, result.recycle);
    this.bar?.update(this.cases, 'bytesRead' in this.input ? (this.input.bytesRead as number) : 0);
  }
}

/**
 * Analyses an NDJSON file (or stdin) of cases or FHIR resources, writing `{"line":N,"analysis":{…}}` or
 * `{"line":N,"error":{"code","issues"}}` for each non-blank line (or the CSV / Parquet row), in input order.
 * Bad records never stop the run. Throws when the input cannot be read, the rule set is invalid, the output
 * cannot be written or a worker crashes.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const dates: Dates = {
    asOf: options.asOf,
    defaultAsOf: options.defaultAsOf,
    context: options.context ?? {},
  };
  const run = new BatchRun(options, dates, defaultWorkers);
  const chunkLines = batchTestHooks.chunkLines ?? CHUNK_RECORDS;
  let lineNumber = 0;
  let lines: string[] = [];
  let chars = 0;
  const dispatch = async () => {
    const chunk = { first: lineNumber - lines.length + 1, lines };
    lines = [];
    chars = 0;
    await run.runner.run(chunk);
  };
  let inputError: Error | undefined;
  let reader: ReturnType<typeof createInterface> | undefined;
  const onInputError = (error: Error) => {
    inputError ??= error;
    reader?.close(); // ends the loop below, which then throws the error
  };
  run.input.on('error', onInputError);
  let summary: BatchSummary;
  try {
    // The output is opened before readline is attached: readline starts reading at once, and the lines it
    // emits before the loop below is waiting would be lost (a small file could be read whole while the output
    // file opens, and the run would then wait for ever).
    await run.open();
    if (inputError) throw inputError;
    reader = createInterface({ input: run.input, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of reader) {
      if (inputError) break;
      lineNumber++;
      lines.push(line);
      chars += line.length + 1;
      if (lines.length >= chunkLines || chars >= CHUNK_CHARS) await dispatch();
    }
    if (inputError) throw inputError;
    if (lines.length) await dispatch();
    await run.finish();
  } finally {
    reader?.close();
    run.input.off('error', onInputError);
    summary = await run.close();
  }
  return summary;
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

/**
 * An X12 835 in batch, streamed: each denied claim or service line is an answer record (`"source"` names
 * it), in input order, in memory that does not grow with the file. The 835 is read here, 16 K characters at
 * a time, by {@link X12StreamReader}; the claims it finds are analysed in chunks, here or in worker threads,
 * as NDJSON lines are. A broken claim or transaction is an error record naming it (`"source": "transaction
 * 0001"`) and the rest is still read; only a broken ISA header stops the reading.
 */
export async function runX12Batch(
  options: Omit<BatchOptions, 'asOf' | 'defaultAsOf' | 'context'> & {
    asOf: string;
    context: Omit<CaseContext, 'asOf'>;
  },
): Promise<BatchSummary> {
  const context = { ...options.context, asOf: options.asOf };
  // Every claim would fail the same way: say it once, before reading.
  if (!context.planType)
    throw new OverturnError('INVALID_INPUT', [
      {
        path: ['planType'],
        message: 'an 835 does not say which kind of plan paid the claim: give --plan-type',
      },
    ]);
  // One thread by default, so that an 835 of any size streams in under 300 MB; 2 workers were 1.4 times
  // faster at about 410 MB (bench/batch.md), and --workers trades the one for the other.
  const run = new BatchRun(options, { asOf: options.asOf, context: options.context }, () => 0);
  const chunkRecords = batchTestHooks.chunkLines ?? CHUNK_RECORDS;
  let found: FoundCase[] = [];
  const reader = new X12StreamReader((item) => {
    if (item.kind === 'problem') return found.push({ source: item.where, issues: item.issues });
    const { label, input, warnings } = caseOfX12(item.found, context);
    found.push({ source: label as string, input, warnings });
  });
  const dispatch = async (all: boolean) => {
    while (found.length >= chunkRecords || (all && found.length)) {
      const records = found.length > chunkRecords ? found.slice(0, chunkRecords) : found;
      found = found.length > chunkRecords ? found.slice(chunkRecords) : [];
      await run.runner.run({ found: records });
    }
  };
  const decoder = new TextDecoder('utf-8');
  let summary: BatchSummary;
  try {
    await run.open();
    for await (const chunk of run.input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      // A slice at a time, handing on the claims found before reading on: the claims held at once stay few,
      // whatever the size of stdin's chunks.
      for (let at = 0; at < text.length; at += X12_SLICE) {
        const slice = text.slice(at, at + X12_SLICE);
        reader.push(slice);
        await dispatch(false);
      }
    }
    reader.push(decoder.decode());
    reader.end();
    await dispatch(true);
    await run.finish();
  } finally {
    summary = await run.close();
  }
  return summary;
}
