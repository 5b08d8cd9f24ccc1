import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDeadlineDocs } from '../scripts/deadline-docs.js';
import { CHECKED_DOCS, checkDocExamples } from '../scripts/doc-examples.js';
import { renderIcd10Coverage } from '../scripts/icd10-coverage.js';
import { renderLettersGuide } from '../scripts/letters-docs.js';

describe('generated docs', () => {
  it('docs/deadlines.md matches the rule data (run `npm run docs:deadlines` after changing rules/deadlines)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'deadlines.md'), 'utf8');
    expect(committed).toBe(renderDeadlineDocs());
  });

  it('docs/icd10-coverage.md matches the rule data (run `npm run docs:icd10` after changing rules/specialists)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'icd10-coverage.md'), 'utf8');
    expect(committed).toBe(renderIcd10Coverage());
  });

  it('docs/letters.md shows the letters as they draft today (run `npx tsx scripts/letters-docs.ts`)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'letters.md'), 'utf8');
    expect(committed).toBe(renderLettersGuide());
  });
});

describe('the examples in the guides', () => {
  it(`answer what ${CHECKED_DOCS.join(', ')} say (\`npm run docs:examples -- --write\` rewrites the JSON blocks)`, () => {
    expect(checkDocExamples()).toEqual([]);
  });
});
