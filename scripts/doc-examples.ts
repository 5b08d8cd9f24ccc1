/**
 * Runs the examples in docs/*.md against the library, so a guide cannot drift from what the code answers.
 *
 * In each ```ts block, a line `expression; //=> value` is checked: the expression's value must deep-equal the
 * value (written as a JavaScript literal). A ```ts block that is one call, followed by a ```json block, must
 * answer exactly that JSON. Imports from 'overturn' are the library's exports; each block runs on its own
 * scope, after the earlier blocks of the same file (a later example may use an earlier one's constants).
 *
 * `tsx scripts/doc-examples.ts` lists every mismatch; `--write` rewrites the JSON blocks from the answers
 * (the `//=>` values are left to the author). test/docs.test.ts runs the check.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import * as overturn from '../src/index.js';

const DOCS = join(import.meta.dirname, '..', 'docs');

/**
 * The guides whose examples are checked: plain calls and `//=>` values. (The others also show types,
 * signatures and error handling, which this small runner does not execute.)
 */
export const CHECKED_DOCS = [
  'computeAppealDeadline.md',
  'analyzeCase.md',
  'buildChecklist.md',
  'classifyDenial.md',
  'recommendSpecialist.md',
];

/** One mismatch between a guide and the library. */
export interface DocMismatch {
  file: string;
  line: number;
  message: string;
}

interface Block {
  lang: string;
  start: number;
  end: number;
  code: string;
}

function blocksOf(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\w+)\s*$/.exec(lines[index] as string);
    if (!open) continue;
    const close = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (close < 0) break;
    blocks.push({
      lang: open[1] as string,
      start: index + 1,
      end: close,
      code: lines.slice(index + 1, close).join('\n'),
    });
    index = close;
  }
  return blocks;
}

// The names every example may use: the library's exports, as `import … from 'overturn'` would give them.
const scope: Record<string, unknown> = { ...overturn };

const LONE_CALL = /^\s*(?:import[^\n]*\n\s*)*(\w+\([\s\S]*\));?\s*$/;
const isLoneCall = (code: string) => LONE_CALL.test(code);

/** Runs a block's statements; `//=>` lines become checks. Returns the value of a lone call. */
function runBlock(
  code: string,
  carried: string[],
  check: (got: unknown, want: string, line: number) => void,
) {
  const body = code.split('\n').map((line, offset) => {
    if (/^\s*import\s/.test(line)) return '';
    const arrow = /^(\s*)(.+?);?\s*\/\/=>\s*(.+)$/.exec(line);
    if (!arrow) return line;
    const [, indent, expression, want] = arrow;
    return `${indent}__check((${expression}), ${JSON.stringify(want)}, ${offset});`;
  });
  const lone = LONE_CALL.exec(code);
  const source = [...carried, lone ? `return ${lone[1]};` : body.join('\n')].join('\n');
  // The docs' own examples, run by the test suite only.
  const run = new Function('__scope', '__check', `with (__scope) {\n${source}\n}`);
  return run(scope, check);
}

/** Every mismatch in docs/*.md; with `write`, the JSON blocks are rewritten from the answers. */
export function checkDocExamples(options: { write?: boolean } = {}): DocMismatch[] {
  const mismatches: DocMismatch[] = [];
  for (const name of CHECKED_DOCS) {
    const path = join(DOCS, name);
    let text = readFileSync(path, 'utf8');
    const blocks = blocksOf(text);
    const carried: string[] = [];
    const replacements: { block: Block; json: string }[] = [];
    blocks.forEach((block, index) => {
      if (block.lang !== 'ts' && block.lang !== 'typescript') return;
      if (
        !/\boverturn\b|computeAppealDeadline|analyzeCase|classifyDenial|recommendSpecialist|requiresSecondSurgicalOpinion|buildChecklist|createOverturn|draft\w+|toICalendar|from\w+/.test(
          block.code,
        )
      )
        return;
      const check = (got: unknown, want: string, offset: number) => {
        let expected: unknown;
        try {
          expected = new Function(`return (${want});`)();
        } catch {
          expected = want; // prose after the arrow: compare as text
        }
        if (!isDeepStrictEqual(got, expected))
          mismatches.push({
            file: name,
            line: block.start + offset + 1,
            message: `expected ${want}, got ${JSON.stringify(got)}`,
          });
      };
      if (/^\s*(function|interface|type|export)\s/m.test(block.code)) return; // a signature, not an example
      let answer: unknown;
      try {
        answer = runBlock(block.code, carried, check);
      } catch (error) {
        // An example of a refused input (one call) shows the error as JSON, as the CLI prints it.
        if (error instanceof overturn.OverturnError && isLoneCall(block.code)) {
          const { code, message, issues } = error;
          answer = { code, message, issues };
        } else {
          mismatches.push({
            file: name,
            line: block.start + 1,
            message: `throws: ${(error as Error).message}`,
          });
          return;
        }
      }
      // Declarations stay in scope for the file's later blocks.
      carried.push(
        ...block.code
          .split('\n')
          .filter((line) => !/^\s*import\s/.test(line))
          .map((line) => line.replace(/\/\/=>.*$/, '')),
      );
      const next = blocks[index + 1];
      // An abridged block ("…") shows a part of the answer: it is not compared.
      if (
        answer !== undefined &&
        next?.lang === 'json' &&
        next.start === block.end + 3 &&
        !next.code.includes('…')
      ) {
        const json = JSON.stringify(answer, null, 2);
        if (json !== next.code) {
          if (options.write) replacements.push({ block: next, json });
          else {
            const want = next.code.split('\n');
            const at = json.split('\n').findIndex((line, row) => line !== want[row]);
            mismatches.push({
              file: name,
              line: next.start + 1 + at,
              message: `the JSON block differs from the answer: ${json.split('\n')[at]?.trim()}`,
            });
          }
        }
      }
    });
    if (replacements.length) {
      const lines = text.split('\n');
      for (const { block, json } of replacements.reverse())
        lines.splice(block.start, block.end - block.start, json);
      text = lines.join('\n');
      writeFileSync(path, text);
    }
  }
  return mismatches;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mismatches = checkDocExamples({ write: process.argv.includes('--write') });
  for (const { file, line, message } of mismatches) console.log(`docs/${file}:${line}: ${message}`);
  console.log(`${mismatches.length} mismatch(es)`);
}
