/**
 * `batch --output-format parquet`: the CSV columns as a Parquet file (hyparquet-writer), written in row groups
 * of 10,000 answers as they come, so memory stays flat and the file opens straight in DuckDB or pandas.
 *
 * The records arrive as lines of JSON arrays (one per answer, cells in column order; see `RecordWriter`), from
 * this thread or from the batch workers; this sink parses them into columns.
 */
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { BatchField } from './batchRecords.js';

/** Answers per row group. */
const ROW_GROUP = 10_000;

/** The columns that hold counts; every other column is text. */
const INTEGER_FIELDS: ReadonlySet<BatchField> = new Set(['days_remaining', 'warnings']);

/** Collects the answer rows and writes them to a Parquet file, one row group at a time. */
export class ParquetOutput {
  private readonly writer: ParquetWriter;
  private readonly columns: (string | number | null)[][];
  private readonly decoder = new TextDecoder();
  private partial = '';

  constructor(
    file: string,
    private readonly fields: readonly BatchField[],
  ) {
    this.columns = fields.map(() => []);
    this.writer = new ParquetWriter({
      writer: fileWriter(file),
      schema: schemaFromColumnData({ columnData: this.columnData() }),
    });
  }

  /** Same shape as the NDJSON output: nothing to wait for before writing. */
  async opened(): Promise<void> {}

  /** Takes UTF-8 lines of JSON arrays; `written` runs once they are taken. */
  async write(chunk: Uint8Array, written?: () => void): Promise<void> {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    written?.();
    for (const line of lines) {
      if (!line) continue;
      const cells = JSON.parse(line) as (string | number | null)[];
      cells.forEach((cell, index) => {
        this.columns[index]?.push(cell);
      });
      if ((this.columns[0]?.length ?? 0) >= ROW_GROUP) this.flush();
    }
  }

  /** Writes the last row group and the file's footer. */
  async finish(): Promise<void> {
    this.flush();
    this.writer.finish();
  }

  dispose(): void {}

  private flush(): void {
    if (!this.columns[0]?.length) return;
    this.writer.write({ columnData: this.columnData(), rowGroupSize: ROW_GROUP });
    for (const column of this.columns) column.length = 0;
  }

  private columnData() {
    return this.fields.map((name, index) => ({
      name,
      data: this.columns[index] as (string | number | null)[],
      type: INTEGER_FIELDS.has(name) ? ('INT32' as const) : ('STRING' as const),
      nullable: true,
    }));
  }
}
