/**
 * A bundled rule file kept as its JSON text until first read. The package build (tsup.config.ts) turns each rule
 * file into one of these, so importing overturn parses no rule data: a call parses only the files of the domain
 * it uses, once. Run from source (tests, tsx) a rule file is imported as its object, and {@link readBundled}
 * passes it through.
 */
import { WholeOnDemandMap } from './wholeOnDemandMap.js';

export class LazyJson {
  private parsed: unknown;
  private done = false;
  private rowSpans: Record<string, readonly [number, number]> | undefined;

  /**
   * `rowIndex`, given by the build for a code table (`{ rows: [...] }` last in the file): JSON of each row's key
   * and its place in `text`, `{ "<key>": [start, end] }`, so that {@link row} parses one row without the file.
   */
  constructor(
    private text: string,
    private rowIndex?: string,
  ) {}

  /** The file's value, parsed on the first call (the text is let go then). */
  value(): unknown {
    if (!this.done) {
      this.parsed = JSON.parse(this.text);
      this.text = '';
      this.rowIndex = undefined;
      this.done = true;
    }
    return this.parsed;
  }

  /** Whether {@link row} can read a row alone: the build indexed the rows, and the file is not parsed yet. */
  get readsRows(): boolean {
    return !this.done && this.rowIndex !== undefined;
  }

  /**
   * The row of the file with this key, parsed alone from the text (a new object on every call: the caller keeps
   * it), or undefined when the file has none; only while {@link readsRows}.
   */
  row(key: string): unknown {
    if (this.rowIndex === undefined || this.done) throw new Error('this file has no row index left');
    this.rowSpans ??= JSON.parse(this.rowIndex) as Record<string, readonly [number, number]>;
    if (!Object.hasOwn(this.rowSpans, key)) return undefined;
    const [start, end] = this.rowSpans[key] as readonly [number, number];
    return JSON.parse(this.text.slice(start, end));
  }
}

/**
 * A bundled code table's rows by key, each parsed the first time it is asked for ({@link LazyJson.row}): a first call
 * that reads two codes does not parse the 1,300 rows of the CARC and RARC tables and map them. Once the file has
 * been parsed whole (a caller read `defaultRuleSetSource`), its rows are mapped from that value instead. Only `get`
 * and `has` read rows alone; the rest of the map reads every row ({@link WholeOnDemandMap}).
 */
export class LazyRowMap<Row> extends WholeOnDemandMap<string, Row> {
  private readonly read = new Map<string, Row | undefined>();
  private whole: Map<string, Row> | undefined;

  constructor(
    private readonly file: LazyJson,
    private readonly keyOf: (row: Row) => string,
  ) {
    super();
  }

  get(key: string): Row | undefined {
    if (this.whole) return this.whole.get(key);
    if (this.read.has(key)) return this.read.get(key);
    if (!this.file.readsRows) return this.all().get(key);
    const row = this.file.row(key) as Row | undefined;
    this.read.set(key, row);
    return row;
  }

  /** Every row, from the parsed file (the rows already read alone keep their objects). */
  protected all(): Map<string, Row> {
    if (!this.whole) {
      const whole = new Map<string, Row>();
      for (const row of (this.file.value() as { rows: Row[] }).rows) {
        const key = this.keyOf(row);
        whole.set(key, this.read.get(key) ?? row);
      }
      this.whole = whole;
    }
    return this.whole;
  }
}

/**
 * A bundled rule file's value: parsed on first read when the build kept it as text, as it is otherwise.
 *
 * @example
 * ```ts
 * readBundled(new LazyJson('{"id":"x"}')); //=> { id: 'x' }
 * readBundled({ id: 'x' });                //=> { id: 'x' }
 * ```
 */
export function readBundled(file: unknown): unknown {
  return file instanceof LazyJson ? file.value() : file;
}

/**
 * The files of every group as one object whose properties read each file on access (parsed then, once), for
 * the public `defaultRuleSetSource`: copying the object reads every file, reading one property reads one. The
 * groups are arguments rather than spread into one object: a bundler cannot tell a spread has no side effect,
 * and would keep every file for a caller that never reads this object.
 */
export function bundledFiles(...groups: Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const files of groups) {
    for (const path of Object.keys(files)) {
      Object.defineProperty(view, path, {
        enumerable: true,
        configurable: true,
        get: () => readBundled(files[path]),
        // Assigning replaces the file, as it did when these were plain properties.
        set(value: unknown) {
          Object.defineProperty(view, path, { value, writable: true, enumerable: true, configurable: true });
        },
      });
    }
  }
  return view;
}
