import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading the measured sets (test/dev/, test/held-out/) and comparing their sources and wordings, for the tests that
 * keep them apart from each other and from the training corpus (test/measuredSets.test.ts, test/textModel.test.ts).
 */
const root = join(import.meta.dirname, '..', '..');

/** A measured set's rows, from the repository's root. */
export const measuredRows = <Row = { text: string; source: { url: string } }>(path: string): Row[] =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as Row[];

/** A page's address without scheme, "www." or trailing slashes: the same page however it was copied. */
export const pageOf = (url: string) => url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '');

/**
 * A wording's words of three letters or more; a row of fewer than four such words is too short to tell a copy from
 * a common phrase.
 */
export const wordsOf = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 2),
  );

/** The share of two word sets' union that they have in common (Jaccard). */
export const overlap = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
};
