/**
 * Who analyses the chunks of `overturn batch`: this thread, or a pool of worker threads, each of which
 * compiles the rule set once. {@link ChunkRunner} hides which: chunks go in in input order, their answers are
 * written in input order, and at most `2 × workers` chunks are in flight, so memory does not grow with the
 * input.
 *
 * The worker entry is this very module: a worker re-enters the file the main thread was loaded from
 * (`src/cli/batchWorkers.ts` under tsx, `dist/cli.js` once bundled), sees `workerData` and starts serving
 * chunks instead of running the command line (main.ts skips `run()` in a batch worker).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { createOverturn, type Overturn } from '../index.js';
import {
  analyseChunk,
  type Chunk,
  type ChunkRecords,
  type ChunkResult,
  type Dates,
  Utf8Lines,
} from './batchChunks.js';
import type { RecordFormat } from './batchRecords.js';

const WORKER_TAG = 'overturn:batch-worker';

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

/** True in a worker thread started by a {@link ChunkRunner}. */
export function isBatchWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerData> | null)?.tag === WORKER_TAG;
}

/** Runs chunks here or in workers and writes their answers in input order. */
export class ChunkRunner {
  private pool: WorkerPool | undefined;
  private local: { overturn: Overturn; output: Utf8Lines } | undefined;
  private readonly inFlight: Promise<ChunkResult>[] = [];
  private nextId = 0;

  /**
   * @param workers worker threads (0: analyse in this thread).
   * @param overturn the instance to analyse with in this thread (compiled from `rules` when not given).
   * @param write writes one chunk's answers; called in input order, awaited before more are read.
   */
  constructor(
    workers: number,
    private readonly setup: {
      rules?: RuleSetSource;
      dates: Dates;
      records: RecordFormat;
      overturn?: Overturn;
    },
    private readonly write: (result: ChunkResult) => Promise<void>,
  ) {
    if (workers > 0) this.startWorkers(workers);
  }

  /** The worker threads running (0 when chunks are analysed in this thread). */
  get workers(): number {
    return this.pool?.size ?? 0;
  }

  private startWorkers(count: number): void {
    if (this.pool || count < 1) return;
    const { rules, dates, records } = this.setup;
    this.pool = new WorkerPool(count, {
      tag: WORKER_TAG,
      dates,
      records,
      ...(rules ? { rules } : {}),
      ...(batchTestHooks.crashWorkerAt !== undefined ? { crashAt: batchTestHooks.crashWorkerAt } : {}),
    });
  }

  /** Analyses a chunk; returns once there is room for the next one (its answers may still be in flight). */
  async run(records: ChunkRecords): Promise<void> {
    const chunk: Chunk = { ...records, id: this.nextId++ };
    if (!this.pool) {
      this.local ??= {
        overturn: this.setup.overturn ?? createOverturn(this.setup.rules ? { rules: this.setup.rules } : {}),
        output: new Utf8Lines(),
      };
      const { overturn, output } = this.local;
      const result = analyseChunk(overturn.analyzeCase, this.setup.dates, this.setup.records, chunk, output);
      return this.write({ ...result, recycle: () => output.giveBack(result.output.buffer as ArrayBuffer) });
    }
    const pending = this.pool.run(chunk);
    pending.catch(() => {}); // awaited below, in order; this only keeps an early rejection from going unhandled
    this.inFlight.push(pending);
    while (this.inFlight.length >= this.pool.size * 2)
      await this.write(await (this.inFlight.shift() as Promise<ChunkResult>));
  }

  /** Writes the answers of every chunk still in flight. */
  async finish(): Promise<void> {
    while (this.inFlight.length) await this.write(await (this.inFlight.shift() as Promise<ChunkResult>));
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await this.pool?.close();
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

  get size(): number {
    return this.workers.length;
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

if (isBatchWorker()) serveChunks();
