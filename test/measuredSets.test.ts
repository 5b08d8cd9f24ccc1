import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The development sets (tuned on) and the frozen held-out sets (never tuned on) must not meet: a held-out figure
 * measures wording the rules never saw only if no development row came from its pages or its data set. The text
 * model's own test checks the denial sets' pages and wordings against each other and the corpus
 * (test/textModel.test.ts); this one the condition sets' pages, and for both seams the California independent
 * medical review dataset the held-out sets draw on, which collectors have met under mirrors' addresses.
 */
const root = join(import.meta.dirname, '..');
const rows = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as { source: { url: string } }[];
const pageOf = (url: string) => url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '');

/** The dataset's own address and the name its copies carry (data.chhs.ca.gov; the "imr-appeals" copies). */
const CALIFORNIA_IMR = /data\.chhs\.ca\.gov|imr-appeals|independent-medical-review-imr-determinations/i;

describe('the development sets and the held-out sets', () => {
  it('share no page of condition wordings', () => {
    const heldOut = new Set(rows('test/held-out/specialists.json').map((row) => pageOf(row.source.url)));
    const shared = rows('test/dev/specialists.json')
      .map((row) => row.source.url)
      .filter((url) => heldOut.has(pageOf(url)));
    expect(shared).toEqual([]);
  });

  it.each(['test/dev/specialists.json', 'test/dev/denials.json'])(
    '%s takes no row from the California independent medical review dataset, nor a copy of it',
    (path) => {
      expect(
        rows(path)
          .filter((row) => CALIFORNIA_IMR.test(row.source.url))
          .map((row) => row.source.url),
      ).toEqual([]);
    },
  );

  it('the held-out set of conditions does draw on that dataset (so the check above guards something)', () => {
    expect(rows('test/held-out/specialists.json').some((row) => CALIFORNIA_IMR.test(row.source.url))).toBe(
      true,
    );
  });
});
