/**
 * Checks and extends rules/specialists/icd10cm.json from the CDC/NCHS ICD-10-CM tabular list: the XML file
 * itself (`icd10cm_tabular_<year>.xml`, or `icd10cm-tabular-<year>.xml`), or CSV tables derived from it
 * (chapters, sections and 3-character categories, one row each, as in seanreed1111/icd10-codes):
 *
 *   npx tsx scripts/icd10cm-import.ts <tabular.xml> [--year 2026] [--verified 2026-12-02] [--write]
 *   npx tsx scripts/icd10cm-import.ts --csv <categories.csv> <sections.csv> <chapters.csv> \
 *     --source-url <url of the tables> [--year 2026] [--verified 2026-12-03] [--write]
 *
 * - every chapter and block row is compared with the file: a title or a range that differs is reported;
 *   from the XML (the primary text) a row that matches becomes `confirmed`, cited to the file; from CSV
 *   tables (someone else's reading of it) it keeps its status;
 * - every 3-character category the file lists and the index has no row for goes to the category table
 *   (`categories.titles`), which carries one provenance: `confirmed` from the XML, `unconfirmed` from CSV;
 *   a category row's title is compared like a block's, and gains the XML's inclusion terms;
 * - blocks of the file that the index lacks are reported (add them by hand: each needs a route);
 * - external causes (V00–Y99) are left out: they never pick a specialist.
 *
 * Without `--write` it only reports. The source files are public domain (US government work) and are not
 * kept in the repository, only what this script derives from them. The output is sorted and byte-identical
 * for the same inputs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';

const root = join(import.meta.dirname, '..');
const INDEX_FILE = join(root, 'rules', 'specialists', 'icd10cm.json');

/** What the tabular list says: chapters, blocks and 3-character categories, in file order. */
export interface Tabular {
  chapters: { from: string; to: string; title: string }[];
  blocks: { from: string; to: string; title: string }[];
  categories: { code: string; title: string; inclusions: string[] }[];
}

// The parsed XML: elements that may repeat are always arrays (see `isArray`).
interface XmlDiag {
  name: string;
  desc: string;
  inclusionTerm?: { note: string[] }[];
}
interface XmlSection {
  '@_id': string;
  desc: string;
  diag?: XmlDiag[];
}
interface XmlChapter {
  desc: string;
  section?: XmlSection[];
}

const REPEATED = new Set(['chapter', 'section', 'diag', 'inclusionTerm', 'note']);

/** "Intestinal infectious diseases (A00-A09)" → its title and range. */
function titleAndRange(desc: string): { title: string; from: string; to: string } | undefined {
  const match = /^(.*)\s+\(([A-Z][0-9A-Z][0-9A-Z])(?:-([A-Z][0-9A-Z][0-9A-Z]))?\)\s*$/.exec(desc.trim());
  if (!match) return undefined;
  const from = match[2] as string;
  return { title: match[1] as string, from, to: match[3] ?? from };
}

/**
 * Reads the tabular list from CSV tables: chapters (`chapter,description`), sections (`section_range,
 * chapter,description`) and categories (`ICD10-CM-CODE,description,…`). Each description ends with its
 * range in brackets, as the tabular list prints its headings.
 *
 * @example
 * ```ts
 * parseTabularCsv(categoriesCsv, sectionsCsv, chaptersCsv).categories[0];
 * // { code: 'A00', title: 'Cholera', inclusions: [] }
 * ```
 */
export function parseTabularCsv(categories: string, sections: string, chapters: string): Tabular {
  const records = (text: string) =>
    parseCsv(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const headings = (text: string) =>
    records(text).flatMap((record) => {
      const heading = titleAndRange(String(record.description));
      return heading ? [heading] : [];
    });
  return {
    chapters: headings(chapters),
    blocks: headings(sections),
    categories: records(categories).map((record) => ({
      code: String(record['ICD10-CM-CODE']),
      title: String(record.description),
      inclusions: [],
    })),
  };
}

/**
 * Reads the tabular list XML.
 *
 * @example
 * ```ts
 * parseTabular(readFileSync('icd10cm_tabular_2026.xml', 'utf8')).blocks[0];
 * // { from: 'A00', to: 'A09', title: 'Intestinal infectious diseases' }
 * ```
 */
export function parseTabular(xml: string): Tabular {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => REPEATED.has(name),
    parseTagValue: false,
    trimValues: true,
  });
  const document = parser.parse(xml) as { 'ICD10CM.tabular'?: { chapter?: XmlChapter[] } };
  const tabular: Tabular = { chapters: [], blocks: [], categories: [] };
  for (const chapter of document['ICD10CM.tabular']?.chapter ?? []) {
    const heading = titleAndRange(String(chapter.desc));
    if (heading) tabular.chapters.push(heading);
    for (const section of chapter.section ?? []) {
      const block = titleAndRange(String(section.desc));
      if (block) tabular.blocks.push(block);
      for (const diag of section.diag ?? []) {
        tabular.categories.push({
          code: String(diag.name),
          title: String(diag.desc),
          inclusions: (diag.inclusionTerm ?? []).flatMap((term) => term.note.map(String)),
        });
      }
    }
  }
  return tabular;
}

interface Row {
  id: string;
  level: 'chapter' | 'block' | 'category';
  from: string;
  to?: string;
  title: string;
  terms?: string[];
  citation: string;
  sourceUrl: string;
  verifiedOn: string;
  status: string;
  note?: string;
  [key: string]: unknown;
}
interface CategoryTable {
  id: string;
  citation: string;
  sourceUrl: string;
  verifiedOn: string;
  status: string;
  note?: string;
  titles: Record<string, string>;
  terms?: Record<string, string[]>;
}
interface IndexFile {
  fiscalYear: number;
  source: { name: string; url: string; effectiveFrom: string };
  rows: Row[];
  categories?: CategoryTable;
  [key: string]: unknown;
}

/** A term worth searching: a short inclusion term without codes or cross-references. */
const usableTerm = (term: string) =>
  term.length >= 3 && term.length <= 120 && !/[0-9]/.test(term) && /[a-z]/i.test(term);

/** Where the tabular list was read from: the XML file itself, or CSV tables derived from it. */
export interface TabularOrigin {
  /** `xml`: the primary text (rows that match are confirmed); `csv`: a derived reading (they are not). */
  kind: 'xml' | 'csv';
  /** Where the tables were read, when not the index's own source (the CSV tables' repository). */
  url?: string;
  verifiedOn: string;
}

/**
 * Compares the index with the tabular list and returns the updated file and what it found.
 *
 * @example
 * ```ts
 * const { file, report } = mergeTabular(index, parseTabular(xml), { kind: 'xml', verifiedOn: '2026-12-02' });
 * ```
 */
export function mergeTabular(
  index: IndexFile,
  tabular: Tabular,
  origin: TabularOrigin,
): { file: IndexFile; report: string[] } {
  const report: string[] = [];
  const primary = origin.kind === 'xml';
  // External causes (chapter 20, V00–Y99) never pick a specialist: the index leaves them out.
  const external = (code: string) => /^[VWXY]/.test(code);
  const citation = (what: string) => `${index.source.name}: ${what}`;
  const confirm = (row: Row, what: string) => {
    if (!primary) return;
    row.status = 'confirmed';
    row.citation = citation(what);
    row.sourceUrl = index.source.url;
    row.verifiedOn = origin.verifiedOn;
    row.note = row.terms?.length
      ? "Range and title checked against the tabular list file. Terms are overturn's own plain words, not ICD-10-CM text, except where they repeat the list's inclusion terms."
      : 'Range and title checked against the tabular list file.';
  };
  const rows = index.rows.map((row) => ({ ...row }));
  const spans = new Map(rows.map((row) => [`${row.level}:${row.from}-${row.to ?? row.from}`, row]));
  for (const [level, list] of [
    ['chapter', tabular.chapters],
    ['block', tabular.blocks],
  ] as const) {
    for (const entry of list) {
      if (external(entry.from)) continue;
      const row = spans.get(`${level}:${entry.from}-${entry.to}`);
      const span = entry.from === entry.to ? entry.from : `${entry.from}–${entry.to}`;
      if (!row) {
        report.push(`missing ${level} ${span} (${entry.title}): add it by hand, with a route`);
      } else if (row.title !== entry.title) {
        report.push(`${row.id}: title "${row.title}" differs from the file's "${entry.title}"`);
      } else {
        confirm(row, `${level} ${span}`);
      }
    }
    const inFile = new Set(list.map((entry) => `${level}:${entry.from}-${entry.to}`));
    for (const row of rows) {
      if (row.level === level && !inFile.has(`${level}:${row.from}-${row.to ?? row.from}`))
        report.push(`${row.id}: no ${level} ${row.from}–${row.to ?? row.from} in the file`);
    }
  }
  const categoryRows = new Map(rows.filter((row) => row.level === 'category').map((row) => [row.from, row]));
  const singleBlocks = new Set(rows.filter((row) => row.level === 'block' && !row.to).map((row) => row.from));
  const titles: Record<string, string> = {};
  const tableTerms: Record<string, string[]> = {};
  for (const category of tabular.categories) {
    if (external(category.code)) continue;
    const terms = [...new Set(category.inclusions.map((term) => term.toLowerCase()).filter(usableTerm))];
    const row = categoryRows.get(category.code);
    // A one-category block (B20) is its category: its row stands for both.
    if (!row && singleBlocks.has(category.code)) continue;
    if (!row) {
      titles[category.code] = category.title;
      if (terms.length) tableTerms[category.code] = terms;
      continue;
    }
    if (row.title !== category.title) {
      report.push(`${row.id}: title "${row.title}" differs from the file's "${category.title}"`);
      continue;
    }
    if (terms.length) row.terms = [...new Set([...(row.terms ?? []), ...terms])];
    confirm(row, `category ${category.code}`);
  }
  const listed = new Set(tabular.categories.map((category) => category.code));
  for (const row of categoryRows.values())
    if (!listed.has(row.from)) report.push(`${row.id}: no category ${row.from} in the file`);
  const sortByKey = <Value>(record: Record<string, Value>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  const sortedTitles = sortByKey(titles);
  const categories: CategoryTable = {
    id: 'icd10cm.categories',
    citation: `${index.source.name}: 3-character categories (chapters 1–19, 21 and 22) and their titles`,
    sourceUrl: origin.url ?? index.source.url,
    verifiedOn: origin.verifiedOn,
    status: primary ? 'confirmed' : 'unconfirmed',
    note: primary
      ? 'Titles read from the tabular list file by scripts/icd10cm-import.ts.'
      : 'Titles read by scripts/icd10cm-import.ts from CSV tables derived from the CDC/NCHS release, not from the release itself: unconfirmed until checked against the tabular list file (run the script on the XML).',
    titles: sortedTitles,
    ...(Object.keys(tableTerms).length ? { terms: sortByKey(tableTerms) } : {}),
  };
  // Chapters, then blocks, then categories, each by code: the same inputs give the same file.
  const order = { chapter: 0, block: 1, category: 2 } as const;
  const byLevel = (row: Row) => order[row.level];
  const sorted = [
    ...rows.filter((row) => row.level !== 'category'),
    ...rows.filter((row) => row.level === 'category').sort((a, b) => (a.from < b.from ? -1 : 1)),
  ].sort((a, b) => byLevel(a) - byLevel(b));
  return { file: { ...index, rows: sorted, categories }, report };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const withValue = ['--verified', '--source-url', '--year'];
  const paths = args.filter((arg, at) => !arg.startsWith('--') && !withValue.includes(args[at - 1] ?? ''));
  const csv = args.includes('--csv');
  if (csv ? paths.length !== 3 || !flag('--source-url') : paths.length !== 1) {
    console.error(
      'usage: npx tsx scripts/icd10cm-import.ts <tabular.xml> [--year 2026] [--verified YYYY-MM-DD] [--write]\n' +
        '       npx tsx scripts/icd10cm-import.ts --csv <categories.csv> <sections.csv> <chapters.csv> --source-url <url> [--year 2026] [--verified YYYY-MM-DD] [--write]',
    );
    process.exit(2);
  }
  const index = JSON.parse(readFileSync(INDEX_FILE, 'utf8')) as IndexFile;
  const year = Number(flag('--year') ?? index.fiscalYear);
  if (year !== index.fiscalYear) {
    console.error(
      `the index is FY${index.fiscalYear}; update fiscalYear and source first to import FY${year}`,
    );
    process.exit(2);
  }
  const text = (path: string) => readFileSync(path, 'utf8');
  const tabular = csv
    ? parseTabularCsv(text(paths[0] as string), text(paths[1] as string), text(paths[2] as string))
    : parseTabular(text(paths[0] as string));
  const { file, report } = mergeTabular(index, tabular, {
    kind: csv ? 'csv' : 'xml',
    ...(flag('--source-url') ? { url: flag('--source-url') as string } : {}),
    verifiedOn: flag('--verified') ?? new Date().toISOString().slice(0, 10),
  });
  for (const line of report) console.log(line);
  console.log(
    `${tabular.chapters.length} chapters, ${tabular.blocks.length} blocks, ${tabular.categories.length} categories in the file; ${report.length} finding(s)`,
  );
  if (args.includes('--write')) writeFileSync(INDEX_FILE, `${JSON.stringify(file, null, 2)}\n`);
}
