import { describe, expect, it } from 'vitest';
import { measuredRows, overlap, pageOf, wordsOf } from './_helpers/measuredSets.js';

/**
 * The development sets (tuned on) and the frozen held-out sets (never tuned on) must not meet: a held-out figure
 * measures wording the rules never saw only if no development row came from its pages, its wordings or its data set.
 * The text model's own test keeps both apart from the training corpus (test/textModel.test.ts).
 */

/** The dataset's own address and the name its copies carry (data.chhs.ca.gov; the "imr-appeals" copies). */
const CALIFORNIA_IMR = /data\.chhs\.ca\.gov|imr-appeals|independent-medical-review-imr-determinations/i;

describe('the development sets and the held-out sets', () => {
  it('share no source and no wording of denials: tuning on the one never reads the other', () => {
    const heldOut = measuredRows('test/held-out/denials.json');
    const pages = new Set(heldOut.map((item) => pageOf(item.source.url)));
    const heldOutWords = heldOut.map((item) => wordsOf(item.text));
    const touching = measuredRows('test/dev/denials.json')
      .filter((item) => {
        if (pages.has(pageOf(item.source.url))) return true;
        const own = wordsOf(item.text);
        return heldOutWords.some((other) => overlap(own, other) > 0.5);
      })
      .map((item) => item.source.url);
    expect(touching).toEqual([]);
  });

  it('share no page of condition wordings', () => {
    const heldOut = new Set(
      measuredRows('test/held-out/specialists.json').map((row) => pageOf(row.source.url)),
    );
    const shared = measuredRows('test/dev/specialists.json')
      .map((row) => row.source.url)
      .filter((url) => heldOut.has(pageOf(url)));
    expect(shared).toEqual([]);
  });

  it.each(['test/dev/specialists.json', 'test/dev/denials.json'])(
    '%s takes no row from the California independent medical review dataset, nor a copy of it',
    (path) => {
      expect(
        measuredRows(path)
          .filter((row) => CALIFORNIA_IMR.test(row.source.url))
          .map((row) => row.source.url),
      ).toEqual([]);
    },
  );

  it('the held-out set of conditions does draw on that dataset (so the check above guards something)', () => {
    expect(
      measuredRows('test/held-out/specialists.json').some((row) => CALIFORNIA_IMR.test(row.source.url)),
    ).toBe(true);
  });
});
