/**
 * The cases of the files given to `analyze`, `classify`, `deadline` and `letter`: a case file holds one, a
 * FHIR file one per denied item, an 835 one per denied claim or service line.
 *
 * An 835 is read in pieces by the stream reader, and each case is handed on as soon as its claim is read, so
 * memory holds one piece of the file whatever its size; a broken claim or transaction is a problem named by
 * where it is, and the rest of the file is still read. JSON is read whole: one document is parsed at once.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { X12StreamReader } from '../adapters/x12/stream.js';
import { OverturnError, type OverturnIssue } from '../errors.js';
import {
  type CaseContext,
  caseOfX12,
  casesFromText,
  detectFormat,
  type InputFormat,
  type LabelledCase,
} from './inputFormats.js';
import { UsageError } from './output.js';

/** The options that describe FHIR and 835 input, which a case file says for itself. */
export const CONTEXT_OPTIONS = [
  ['planType', '--plan-type'],
  ['received', '--received'],
  ['state', '--state'],
  ['funding', '--funding'],
] as const;

/** The options of a command that reads case files, FHIR and 835 alike. */
export interface InputOptions {
  format?: InputFormat;
  planType?: string;
  received?: string;
  state?: string;
  funding?: string;
  asOf?: string;
}

/** A part of a file that could not be read (a broken 835 claim or transaction), named by where it is. */
export interface CaseProblem {
  problem: string;
  issues: OverturnIssue[];
}

/** Bytes read at a time. */
const PIECE = 1 << 16;

/** A file's text (or stdin's, for `-`), without the byte-order mark some editors write. */
export function readText(file: string): string {
  const reader = new TextReader(file);
  try {
    let text = '';
    for (let piece = reader.next(); piece !== undefined; piece = reader.next()) text += piece;
    return text;
  } finally {
    reader.close();
  }
}

/** A JSON file, with its editor-only `$schema` key (which the library would refuse) left out. */
export function readJson(file: string): unknown {
  return withoutSchemaKey(JSON.parse(readText(file)));
}

export function withoutSchemaKey(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('$schema' in value)) return value;
  const { $schema: _schema, ...rest } = value as Record<string, unknown>;
  return rest;
}

/**
 * The cases of one file, whatever its format (given, else found by parsing), in file order. A case file's
 * cases come back as written (without `$schema`; the caller applies its own `asOf` rule); FHIR and 835 cases
 * carry the context options and `asOf`. Context options on a case file are refused: it says them itself.
 * The cases of an 835 are read as they are iterated; a reading error is thrown by the iteration.
 */
export function readCases(
  file: string,
  options: InputOptions,
  asOf: string,
): { format: InputFormat; cases: Iterable<LabelledCase | CaseProblem> } {
  const reader = new TextReader(file);
  let head = '';
  try {
    // Enough of the start to see an ISA segment; JSON is read whole.
    for (let piece = reader.next(); piece !== undefined; piece = reader.next()) {
      head += piece;
      if (head.trimStart().length >= 3) break;
    }
  } catch (error) {
    reader.close();
    throw error;
  }
  const context: CaseContext = {
    ...(options.planType ? { planType: options.planType as never } : {}),
    ...(options.received ? { receivedDate: options.received } : {}),
    ...(options.state ? { state: options.state } : {}),
    ...(options.funding ? { funding: options.funding as never } : {}),
    asOf,
  };
  if ((options.format ?? (head.trimStart().startsWith('ISA') ? 'x12' : undefined)) === 'x12') {
    if (!context.planType) {
      reader.close();
      throw new OverturnError('INVALID_INPUT', [
        {
          path: ['planType'],
          message: 'an 835 does not say which kind of plan paid the claim: give --plan-type',
        },
      ]);
    }
    return { format: 'x12', cases: casesOf835(reader, head, context) };
  }
  let text = head;
  try {
    for (let piece = reader.next(); piece !== undefined; piece = reader.next()) text += piece;
  } finally {
    reader.close();
  }
  const format = options.format ?? detectFormat(text);
  if (format !== 'case') return { format, cases: casesFromText(text, format, context) };
  const given = CONTEXT_OPTIONS.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag);
  if (given.length)
    throw new UsageError(
      `${given.join(', ')} ${given.length > 1 ? 'apply' : 'applies'} to FHIR and 835 input; ${file} is a case file, which says its plan type, dates and state itself`,
    );
  const cases = casesFromText(text, 'case', {});
  for (const entry of cases) entry.input = withoutSchemaKey(entry.input);
  return { format, cases };
}

/** The cases and problems of an 835, read a piece at a time as they are asked for. */
function* casesOf835(
  reader: TextReader,
  head: string,
  context: CaseContext,
): Generator<LabelledCase | CaseProblem> {
  const found: (LabelledCase | CaseProblem)[] = [];
  const x12 = new X12StreamReader((item) => {
    if (item.kind === 'problem') found.push({ problem: item.where, issues: item.issues });
    else found.push(caseOfX12(item.found, context));
  });
  try {
    for (let piece: string | undefined = head; piece !== undefined; piece = reader.next()) {
      x12.push(piece);
      yield* found.splice(0);
    }
    x12.end();
    yield* found.splice(0);
  } finally {
    reader.close();
  }
}

/**
 * A file (or stdin) read synchronously a piece at a time, as UTF-8 text. Synchronous because the commands
 * that use it are; a piece at a time so that an 835 of any size is never held whole.
 */
class TextReader {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(PIECE);
  private readonly decoder = new TextDecoder('utf-8');
  private first = true;
  private done = false;
  private closed = false;

  constructor(file: string) {
    this.fd = file === '-' ? 0 : openSync(file, 'r');
  }

  /** The next piece of text, without a leading byte-order mark; undefined at the end. */
  next(): string | undefined {
    if (this.done) return undefined;
    const read = readPiece(this.fd, this.buffer);
    let text: string;
    if (read === 0) {
      this.done = true;
      text = this.decoder.decode();
      if (!text) return undefined;
    } else text = this.decoder.decode(this.buffer.subarray(0, read), { stream: true });
    if (this.first && text) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }

  /** Closes the file (stdin stays open); reading ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.done = true;
    if (this.fd !== 0) closeSync(this.fd);
  }
}

/**
 * Reads into `buffer`, waiting when a non-blocking stdin has nothing yet (EAGAIN) rather than failing: the
 * commands read synchronously, and a pipe may be slower than they are.
 */
function readPiece(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EOF') return 0;
      if ((error as { code?: unknown }).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
