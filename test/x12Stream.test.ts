import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type X12StreamItem, X12StreamReader } from '../src/adapters/x12/stream.js';
import { fromX12_835, OverturnError } from '../src/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'adapters', 'x12');
const files = readdirSync(dir).filter((name) => name.endsWith('.835'));
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Streams `source` in the given pieces and returns everything the reader gave. */
function streamed(source: string, cuts: readonly number[] = []): X12StreamItem[] {
  const items: X12StreamItem[] = [];
  const reader = new X12StreamReader((item) => items.push(item));
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(source.slice(from, cut));
    from = cut;
  }
  reader.push(source.slice(from));
  reader.end();
  return items;
}

const casesOf = (items: X12StreamItem[]) =>
  items.flatMap((item) => (item.kind === 'case' ? [item.found] : []));
const problemsOf = (items: X12StreamItem[]) =>
  items.flatMap((item) => (item.kind === 'problem' ? [item] : []));

describe('X12StreamReader', () => {
  const valid = files.filter((name) => !name.startsWith('malformed'));

  it('finds exactly the denials fromX12_835 finds, in order, in every valid fixture', () => {
    expect(valid.length).toBeGreaterThanOrEqual(6);
    for (const name of valid) {
      const items = streamed(text(name));
      expect(problemsOf(items), name).toEqual([]);
      expect(casesOf(items), name).toEqual(fromX12_835(text(name)));
    }
  });

  it('gives the same answer however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.array(fc.nat({ max: 4000 }), { maxLength: 12 }),
        (name, cuts) => {
          const source = text(name);
          const items = streamed(
            source,
            cuts.map((cut) => cut % (source.length + 1)),
          );
          expect(items).toEqual(streamed(source));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports a wrong SE count after the transaction, whose claims were read; the strict reader refuses the file', () => {
    const source = text('malformed-se-count.835');
    expect(() => fromX12_835(source)).toThrow(OverturnError);
    const items = streamed(source);
    expect(casesOf(items).map((found) => found.denial.codes)).toEqual([['CO-50', 'N115']]);
    expect(problemsOf(items)).toEqual([
      {
        kind: 'problem',
        where: 'transaction 0009',
        issues: [{ path: ['segment', 22, 'SE01'], message: 'SE01 says 15 segments, the transaction has 20' }],
      },
    ]);
  });

  it('reports a broken claim by its transaction and claim, and still reads the other transactions', () => {
    // The claim of the second of three transactions gets a CLP charge that is not a number.
    const source = text('multi-st.835').replace('CLP*PCN-SYN-6002*4*310*', 'CLP*PCN-SYN-6002*4*3I0*');
    expect(source).not.toBe(text('multi-st.835'));
    const items = streamed(source);
    expect(casesOf(items).map((found) => found.claim.id)).toEqual(['PCN-SYN-6001', 'PCN-SYN-6003']);
    const [problem] = problemsOf(items);
    expect(problem?.where).toBe('transaction 0062 claim PCN-SYN-6002');
    expect(problem?.issues[0]?.message).toBe('CLP03 "3I0" is not a decimal amount');
  });

  it('skips the claims of a transaction whose header is broken, saying so once', () => {
    const source = text('multi-st.835').replace('DTM*405*20260105~', 'DTM*405*20261305~');
    const items = streamed(source);
    expect(casesOf(items).map((found) => found.claim.id)).toEqual(['PCN-SYN-6001', 'PCN-SYN-6003']);
    expect(problemsOf(items).map((problem) => problem.where)).toEqual(['transaction 0062']);
  });

  it('stops at a broken ISA header, reports an empty text, and reports trailers the text never reached', () => {
    const broken = streamed(text('malformed-truncated-isa.835'));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ kind: 'problem', where: 'file' });
    expect(streamed('  \n')).toEqual([
      {
        kind: 'problem',
        where: 'file',
        issues: [
          { path: [], message: 'the text is empty: expected an X12 835 file starting with an ISA segment' },
        ],
      },
    ]);
    const source = text('single-claim-denial.835');
    const cut = source.slice(0, source.indexOf('SE*'));
    const items = streamed(cut);
    expect(casesOf(items)).toHaveLength(1);
    expect(problemsOf(items).map((problem) => problem.issues[0]?.message)).toEqual([
      'the transaction set has no SE trailer (the text ends first)',
      'the functional group has no GE trailer (the text ends first)',
      'the interchange has no IEA trailer (the text ends first)',
    ]);
  });
});
