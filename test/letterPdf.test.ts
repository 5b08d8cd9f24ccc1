/**
 * The letters on paper: each PDF is opened by another PDF engine (MuPDF, a dev dependency), rendered to images
 * and read back as text, so the check is what a printer or a reader would see, not what pdf-lib was asked to draw.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { letterPdf } from '../src/cli/letterPdf.js';
import { draftLetterOf, LETTER_KINDS } from '../src/cli/letterRequests.js';
import { analyzeCase, type CaseInput, type Letter } from '../src/index.js';
import { CLI } from './_helpers/cli.js';

const root = join(import.meta.dirname, '..');
const example = (name: string) =>
  analyzeCase(JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8')) as CaseInput);
const parties = { patient: { name: 'Jane Doe' }, insurer: { name: 'Acme Health' }, claimNumber: 'A-123' };

/** Each page's text as MuPDF reads it, and how much of the page is ink. */
function readBack(bytes: Uint8Array) {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages = [];
  for (let index = 0; index < doc.countPages(); index++) {
    const page = doc.loadPage(index);
    const [x0, y0, x1, y1] = page.getBounds();
    const pixmap = page.toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, false);
    const pixels = pixmap.getPixels();
    // Ink: the mean darkness of the page (0 white, 1 black), anti-aliased glyph edges counted in part.
    let ink = 0;
    for (const value of pixels) ink += (255 - value) / 255;
    pages.push({
      size: [x1 - x0, y1 - y0],
      text: page.toStructuredText('preserve-whitespace').asText(),
      ink: ink / pixels.length,
      png: pixmap.asPNG(),
    });
  }
  return pages;
}

/** The words of a text, bullets and line breaks aside: what must survive the trip to paper. */
const words = (text: string) =>
  text
    .replace(/^- /gm, '')
    .replace(/[•]/g, '')
    // A line may break after a slash ("ASA/" then "ASRA"): the same word on paper.
    .replace(/\/\s+/g, '/')
    .split(/\s+/)
    .filter(Boolean);

const knee = example('knee-replacement-necessity');

describe('letterPdf', () => {
  const analyses = [
    'knee-replacement-necessity',
    'medicare-redetermination',
    'missing-prior-authorization',
  ].map((name) => [name, example(name)] as const);

  it.each(analyses)(
    '%s: every letter prints on US Letter, numbered, and reads back word for word',
    async (_, analysis) => {
      for (const kind of LETTER_KINDS) {
        let letter: Letter;
        try {
          letter = draftLetterOf(kind, analysis, parties);
        } catch {
          continue; // a letter this case does not call for (tested in letters.requests.test.ts)
        }
        const pdf = await letterPdf(letter, analysis.asOf);
        const pages = readBack(pdf.bytes);
        expect(pages).toHaveLength(pdf.pages);
        const body = pages
          .map((page, index) => {
            expect(page.size).toEqual([612, 792]);
            // Printed and not solid: the first page 2-10% ink (text), a last page at least its footer.
            expect(page.ink).toBeGreaterThan(index === 0 ? 0.02 : 0.0005);
            expect(page.ink).toBeLessThan(0.1);
            expect(Buffer.from(page.png.subarray(1, 4)).toString()).toBe('PNG');
            const footer = `Page ${index + 1} of ${pages.length}`;
            expect(page.text).toContain(footer);
            return page.text.replace(footer, '');
          })
          .join('\n');
        // Every heading and paragraph but the closing's heading ("Signature"): a signature line stands there.
        const last = letter.sections.length - 1;
        const expected = letter.sections
          .flatMap((section, index) =>
            index === last ? section.paragraphs : [section.heading, ...section.paragraphs],
          )
          .join('\n');
        expect(words(body)).toEqual(words(expected));
      }
    },
  );

  it('is deterministic, dated by the letter, and prints characters outside its font as ?', async () => {
    const letter = draftLetterOf('records', knee, { patient: { name: 'Zoë 李 → Doe' } });
    const first = await letterPdf(letter, '2026-11-25');
    const second = await letterPdf(letter, '2026-11-25');
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    expect(first.replaced).toEqual(['李']);
    const [page] = readBack(first.bytes);
    expect(page?.text).toContain('From: Zoë ? -> Doe');
    const info = mupdf.Document.openDocument(first.bytes, 'application/pdf');
    expect(info.getMetaData('info:CreationDate')).toMatch(/^D:20261125000000/);
  });

  it('breaks a long letter across pages and keeps the signature block together', async () => {
    const letter = draftLetterOf('appeal', knee, parties);
    const long: Letter = {
      ...letter,
      sections: [
        ...letter.sections.slice(0, -1),
        { heading: 'Notes', paragraphs: Array.from({ length: 60 }, (_, n) => `Note ${n + 1}.`) },
        ...letter.sections.slice(-1),
      ],
    };
    const pdf = await letterPdf(long);
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    const pages = readBack(pdf.bytes);
    const last = pages.at(-1)?.text ?? '';
    expect(last).toContain('Sincerely,');
    expect(last).toContain('Jane Doe');
  });
});

describe('overturn letter --pdf', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      cwd: root,
    });

  it('writes the PDF and says what it holds; an unwritable path is an output error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overturn-pdf-'));
    const out = join(dir, 'appeal.pdf');
    const done = cli([
      'letter',
      '--kind',
      'appeal',
      'examples/knee-replacement-necessity.json',
      '--pdf',
      out,
    ]);
    expect(done.status).toBe(0);
    expect(done.stdout).toBe('');
    expect(done.stderr).toMatch(/appeal\.pdf: appeal, 2 pages, \d+ placeholders to fill\n$/);
    expect(readBack(readFileSync(out))[0]?.text).toContain('Appeal of a denial of coverage');
    const failed = cli([
      'letter',
      '--kind',
      'appeal',
      'examples/knee-replacement-necessity.json',
      '--pdf',
      join(dir, 'missing', 'appeal.pdf'),
    ]);
    expect(failed.status).toBe(3);
    expect(failed.stderr).toContain('appeal.pdf');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
