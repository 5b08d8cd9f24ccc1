/**
 * A drafted letter on paper: US Letter, one-inch margins, the standard Helvetica faces, page numbers, and a
 * signature block with room to sign. pdf-lib lays out nothing but lines, so the page layout (paragraphs into
 * lines through pdf-lib's own `breakTextIntoLines`, lines into pages) is the little written here.
 */
import { breakTextIntoLines, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Letter } from '../letters/types.js';

/** US Letter, in points. */
const PAGE = { width: 612, height: 792 } as const;
const MARGIN = 72;
const BODY_SIZE = 11;
const HEADING_SIZE = 12;
const LEADING = 15;
const PARAGRAPH_GAP = 6;
const FOOTER_Y = 40;
/** Space left above the signer's name to sign by hand. */
const SIGNATURE_SPACE = 42;

/** The headings of the sections that close a letter with a signature. */
const CLOSING_HEADINGS = new Set(['Signature', 'Thank you']);

/** What the PDF holds, beside its bytes: its pages, and the characters the standard font could not print. */
export interface LetterPdf {
  bytes: Uint8Array;
  pages: number;
  /** Characters replaced by `?` (the standard PDF fonts print Windows-1252 only). */
  replaced: string[];
}

/**
 * Renders a letter as a printable PDF. Deterministic: the same letter gives the same bytes (the document's
 * dates are `date`, else the letter's own "Date:" line, else 1970-01-01).
 *
 * @example
 * ```ts
 * const { bytes, pages } = await letterPdf(draftAppealLetter(analysis, parties), '2026-11-25');
 * writeFileSync('appeal.pdf', bytes);
 * ```
 */
export async function letterPdf(letter: Letter, date?: string): Promise<LetterPdf> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const printable = new Set(regular.getCharacterSet());
  const replaced = new Set<string>();
  const clean = (text: string) =>
    [...text]
      .map((char) => {
        if (printable.has(char.codePointAt(0) as number)) return char;
        const plain = SUBSTITUTES[char];
        if (plain !== undefined) return plain;
        replaced.add(char);
        return '?';
      })
      .join('');

  const layout = new PageLayout(doc);
  letter.sections.forEach((section, index) => {
    if (index === 0) {
      // The opening: the subject in bold, then date, sender, addressee and reference as lines.
      layout.paragraph(clean(section.heading), bold, HEADING_SIZE);
      for (const line of section.paragraphs) layout.paragraph(clean(line), regular, BODY_SIZE);
      return;
    }
    const closing = CLOSING_HEADINGS.has(section.heading) && index === letter.sections.length - 1;
    if (!closing) layout.heading(clean(section.heading), bold);
    section.paragraphs.forEach((paragraph, at) => {
      // The signature goes between the closing word ("Sincerely,") and the name.
      if (closing && at === 1) layout.signatureLine();
      layout.paragraph(clean(paragraph), regular, BODY_SIZE);
    });
  });
  layout.numberPages(regular);

  const dated = date ?? /^Date: (\d{4}-\d{2}-\d{2})$/.exec(letter.sections[0]?.paragraphs[0] ?? '')?.[1];
  const when = dated && /^\d{4}-\d{2}-\d{2}$/.test(dated) ? new Date(`${dated}T00:00:00Z`) : new Date(0);
  doc.setTitle(clean(letter.sections[0]?.heading ?? 'Letter'));
  doc.setCreator('overturn');
  doc.setProducer('overturn (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages: doc.getPageCount(), replaced: [...replaced] };
}

/** Typographic characters outside Windows-1252 that have a plain spelling. */
const SUBSTITUTES: Record<string, string> = {
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2212': '-',
  '\u2011': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
};

/** Lines down the page, a new page when the next line would cross the bottom margin. */
class PageLayout {
  private page: PDFPage;
  private y = PAGE.height - MARGIN;
  private readonly width = PAGE.width - 2 * MARGIN;

  constructor(private readonly doc: PDFDocument) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
  }

  heading(text: string, font: PDFFont): void {
    // A heading never ends a page: it keeps at least two lines of its section with it.
    this.ensure(LEADING * 3 + PARAGRAPH_GAP);
    this.y -= PARAGRAPH_GAP;
    this.paragraph(text, font, HEADING_SIZE);
  }

  paragraph(text: string, font: PDFFont, size: number): void {
    const bullet = text.startsWith('- ');
    const indent = bullet ? 14 : 0;
    const body = bullet ? text.slice(2) : text;
    const lines = breakTextIntoLines(body, [' ', '/'], this.width - indent, (part) =>
      font.widthOfTextAtSize(part, size),
    );
    lines.forEach((line, index) => {
      this.ensure(LEADING);
      if (bullet && index === 0) this.page.drawText('\u2022', { x: MARGIN, y: this.y, size, font });
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= LEADING;
    });
    this.y -= PARAGRAPH_GAP;
  }

  signatureLine(): void {
    this.ensure(SIGNATURE_SPACE + LEADING * 2);
    this.y -= SIGNATURE_SPACE - LEADING;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y + 4 },
      end: { x: MARGIN + 216, y: this.y + 4 },
      thickness: 0.6,
      color: rgb(0, 0, 0),
    });
    this.y -= LEADING / 2;
  }

  /** "Page 1 of 2", centred in the bottom margin of every page. */
  numberPages(font: PDFFont): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const label = `Page ${index + 1} of ${pages.length}`;
      const width = font.widthOfTextAtSize(label, 9);
      page.drawText(label, { x: (PAGE.width - width) / 2, y: FOOTER_Y, size: 9, font });
    });
  }

  private ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }
}
