/**
 * Drops phrases that normalise to a wording already listed (e.g. "isn't covered" after "is not covered"),
 * keeping the first. Run after editing rules/classification/phrases.json: `npx tsx scripts/dedupe-phrases.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../src/engine/phraseMatcher.js';

const path = join(import.meta.dirname, '..', 'rules', 'classification', 'phrases.json');
const table = JSON.parse(readFileSync(path, 'utf8')) as {
  rows: { id: string; category: string | null; phrases?: string[] }[];
};
const seen = new Map<string, string>();
let dropped = 0;
for (const row of table.rows) {
  if (!row.phrases) continue;
  row.phrases = row.phrases.filter((phrase) => {
    const key = `${row.category === null ? row.id : 'category'}:${tokenize(phrase).join(' ')}`;
    if (seen.has(key)) {
      dropped++;
      return false;
    }
    seen.set(key, row.id);
    return true;
  });
}
writeFileSync(path, `${JSON.stringify(table, null, 2)}\n`);
console.log(`dropped ${dropped} duplicate wordings`);
