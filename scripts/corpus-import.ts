/**
 * Imports collected denial-reason rows into corpus/denials/: one file per publisher, each row its own
 * message text, the codes it was published with and its source. Labels are not stored: the training script
 * takes each row's category from the code tables of the rule set (`rules/classification/carc.json`,
 * `rarc.json`), so a corrected table relabels the corpus.
 *
 *   tsx scripts/corpus-import.ts <collected.json>…     # rows { text, carc?, rarc?, group?, category?, why?, source }
 *
 * A row carries codes (its label then comes from the code tables) or, where its source printed no code (a
 * pharmacy reject message, a plan's notice), a `category` judged from its words and a `why`. Rows whose
 * text is empty, whose codes are not in the tables, whose category is not one of ours, or which repeat
 * another row of the same publisher are dropped; the count of each is printed. Rows are added to the
 * publisher's file when it exists.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DENIAL_CATEGORIES } from '../src/types.js';

interface CollectedRow {
  text: string;
  carc?: string;
  rarc?: string;
  group?: string;
  category?: string;
  why?: string;
  source: { publisher: string; title?: string; url: string };
}

/** A corpus row as stored: codes, or (where the source printed none) a category and why. */
export interface CorpusRow {
  text: string;
  codes?: string[];
  category?: string;
  why?: string;
  source: { title?: string; url: string };
}

/** A corpus file: one publisher's rows. */
export interface CorpusFile {
  publisher: string;
  rows: CorpusRow[];
}

const root = join(import.meta.dirname, '..');
export const CORPUS_DIR = join(root, 'corpus', 'denials');

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

function knownCodes(): { carc: Set<string>; rarc: Set<string> } {
  const table = (name: string) =>
    new Set<string>(
      (
        JSON.parse(readFileSync(join(root, 'rules/classification', name), 'utf8')).rows as { code: string }[]
      ).map((row) => row.code),
    );
  return { carc: table('carc.json'), rarc: table('rarc.json') };
}

if (process.argv.length > 2) {
  const codes = knownCodes();
  const byPublisher = new Map<string, CorpusFile>();
  let dropped = 0;
  let unknownCode = 0;
  let repeated = 0;
  for (const path of process.argv.slice(2)) {
    for (const row of JSON.parse(readFileSync(path, 'utf8')) as CollectedRow[]) {
      const text = row.text?.replace(/\s+/g, ' ').trim();
      const carc = row.carc?.replace(/^[A-Z]{2}-?/, '').trim();
      const rarc = row.rarc?.trim().toUpperCase();
      if (!text || !row.source?.publisher || !row.source.url) {
        dropped++;
        continue;
      }
      const labelled = !carc && !rarc && row.category !== undefined;
      if (labelled && !(DENIAL_CATEGORIES as readonly string[]).includes(row.category as string)) {
        unknownCode++;
        continue;
      }
      if (
        !labelled &&
        ((carc && !codes.carc.has(carc)) || (rarc && !codes.rarc.has(rarc)) || (!carc && !rarc))
      ) {
        unknownCode++;
        continue;
      }
      const existing = join(CORPUS_DIR, `${slug(row.source.publisher)}.json`);
      const file =
        byPublisher.get(row.source.publisher) ??
        (existsSync(existing)
          ? (JSON.parse(readFileSync(existing, 'utf8')) as CorpusFile)
          : { publisher: row.source.publisher, rows: [] });
      if (file.rows.some((other) => other.text.toLowerCase() === text.toLowerCase())) {
        repeated++;
        continue;
      }
      const source = { ...(row.source.title ? { title: row.source.title } : {}), url: row.source.url };
      if (labelled) {
        file.rows.push({
          text,
          category: row.category as string,
          ...(row.why ? { why: row.why } : {}),
          source,
        });
      } else {
        // The group code only where the publisher printed it: a bare CARC reads as the code alone.
        const codeList = [
          ...(carc ? [row.group ? `${row.group}-${carc}` : carc] : []),
          ...(rarc ? [rarc] : []),
        ];
        file.rows.push({ text, codes: codeList, source });
      }
      byPublisher.set(row.source.publisher, file);
    }
  }
  if (!existsSync(CORPUS_DIR)) mkdirSync(CORPUS_DIR, { recursive: true });
  for (const file of byPublisher.values()) {
    writeFileSync(join(CORPUS_DIR, `${slug(file.publisher)}.json`), `${JSON.stringify(file, null, 2)}\n`);
    console.log(`${file.publisher}: ${file.rows.length} rows`);
  }
  console.log(
    `dropped ${dropped} without text or source, ${unknownCode} with codes the tables lack or no category of ours, ${repeated} repeats`,
  );
}
