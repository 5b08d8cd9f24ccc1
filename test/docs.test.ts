import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDeadlineDocs } from '../scripts/deadline-docs.js';
import { CHECKED_DOCS, checkDocExamples } from '../scripts/doc-examples.js';

describe('generated docs', () => {
  it('docs/deadlines.md matches the rule data (run `npm run docs:deadlines` after changing rules/deadlines)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'deadlines.md'), 'utf8');
    expect(committed).toBe(renderDeadlineDocs());
  });
});

describe('the examples in the guides', () => {
  it(`answer what ${CHECKED_DOCS.join(', ')} say (\`npm run docs:examples -- --write\` rewrites the JSON blocks)`, () => {
    expect(checkDocExamples()).toEqual([]);
  });
});
