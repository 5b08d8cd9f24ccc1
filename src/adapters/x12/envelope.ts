/**
 * Checks the X12 envelopes — ISA/IEA, GS/GE, ST/SE — and returns the 835 transaction sets inside them.
 *
 * Rules (X12 control structures, as in the 005010X221A1 835 TR3 and pyx12's 835.5010.X221.A1 map): IEA01 counts
 * the functional groups and IEA02 repeats ISA13; GE01 counts the transaction sets and GE02 repeats GS06; SE01
 * counts the segments of the transaction set from ST to SE inclusive and SE02 repeats ST02. GS01 is `HP`
 * (health care claim payment/advice) and ST01 is `835`.
 * @module
 */
import { show, type X12Issues } from './issues.js';
import type { Interchange, Segment, Separators } from './tokenize.js';

/** One ST … SE transaction set. */
export interface Transaction {
  /** ST02. */
  control: string;
  /** The segments between ST and SE (both excluded). */
  body: Segment[];
  separators: Separators;
}

const COUNT = /^\d{1,9}$/;

export function element(segment: Segment, index: number): string {
  return segment.elements[index] ?? '';
}

export function checkCount(
  segment: Segment,
  index: number,
  actual: number,
  what: string,
  issues: X12Issues,
): void {
  const name = `${segment.id}${String(index).padStart(2, '0')}`;
  const raw = element(segment, index);
  if (!COUNT.test(raw)) {
    issues.at(segment.position, name, `${name} ${show(raw)} is not a count of ${what}`);
  } else if (Number(raw) !== actual) {
    const the =
      segment.id === 'SE' ? 'the transaction' : segment.id === 'GE' ? 'the group' : 'the interchange';
    issues.at(segment.position, name, `${name} says ${Number(raw)} ${what}, ${the} has ${actual}`);
  }
}

export function checkMatch(
  trailer: Segment,
  trailerIndex: number,
  header: Segment,
  headerIndex: number,
  issues: X12Issues,
): void {
  const trailerName = `${trailer.id}${String(trailerIndex).padStart(2, '0')}`;
  const headerName = `${header.id}${String(headerIndex).padStart(2, '0')}`;
  const got = element(trailer, trailerIndex);
  const want = element(header, headerIndex);
  if (got !== want) {
    issues.at(
      trailer.position,
      trailerName,
      `${trailerName} ${show(got)} does not match ${headerName} ${show(want)} (segment ${header.position})`,
    );
  }
}

/** Walks the envelopes of every interchange, recording problems, and returns the transaction sets. */
export function readEnvelopes(interchanges: readonly Interchange[], issues: X12Issues): Transaction[] {
  const transactions: Transaction[] = [];
  for (const interchange of interchanges) {
    const segments = interchange.segments;
    const isa = segments[0] as Segment;
    let index = 1;
    let groups = 0;
    let sawIea = false;
    while (index < segments.length) {
      const segment = segments[index] as Segment;
      if (segment.id === 'GS') {
        groups++;
        index = readGroup(segments, index, interchange.separators, transactions, issues);
      } else if (segment.id === 'IEA') {
        checkCount(segment, 1, groups, 'functional groups', issues);
        checkMatch(segment, 2, isa, 13, issues);
        sawIea = true;
        index++;
      } else {
        issues.at(
          segment.position,
          undefined,
          `${segment.id} is outside a functional group (expected GS or IEA)`,
        );
        index++;
      }
    }
    if (!sawIea || !interchange.closed) {
      issues.at(isa.position, 'ISA', 'the interchange has no IEA trailer (the text ends first)');
    }
  }
  return transactions;
}

function readGroup(
  segments: readonly Segment[],
  start: number,
  separators: Separators,
  transactions: Transaction[],
  issues: X12Issues,
): number {
  const gs = segments[start] as Segment;
  if (element(gs, 1) !== 'HP') {
    issues.at(
      gs.position,
      'GS01',
      `GS01 is ${show(element(gs, 1))}; a group of 835 remittances is "HP" (health care claim payment/advice)`,
    );
  }
  let index = start + 1;
  let count = 0;
  while (index < segments.length) {
    const segment = segments[index] as Segment;
    if (segment.id === 'ST') {
      count++;
      index = readTransaction(segments, index, separators, transactions, issues);
    } else if (segment.id === 'GE') {
      checkCount(segment, 1, count, 'transaction sets', issues);
      checkMatch(segment, 2, gs, 6, issues);
      return index + 1;
    } else if (segment.id === 'GS' || segment.id === 'IEA') {
      issues.at(
        segment.position,
        segment.id,
        `the functional group opened by GS at segment ${gs.position} has no GE trailer before this ${segment.id}`,
      );
      return index;
    } else {
      issues.at(
        segment.position,
        undefined,
        `${segment.id} is outside a transaction set (expected ST or GE)`,
      );
      index++;
    }
  }
  issues.at(gs.position, 'GS', 'the functional group has no GE trailer (the text ends first)');
  return index;
}

function readTransaction(
  segments: readonly Segment[],
  start: number,
  separators: Separators,
  transactions: Transaction[],
  issues: X12Issues,
): number {
  const st = segments[start] as Segment;
  const is835 = element(st, 1) === '835';
  if (!is835) {
    issues.at(
      st.position,
      'ST01',
      `ST01 is ${show(element(st, 1))}; only 835 transaction sets (health care claim payment/advice) are read`,
    );
  }
  if (element(st, 2) === '')
    issues.at(st.position, 'ST02', 'ST02 (the transaction set control number) is empty');
  let index = start + 1;
  while (index < segments.length) {
    const segment = segments[index] as Segment;
    if (segment.id === 'SE') {
      checkCount(segment, 1, index - start + 1, 'segments', issues);
      checkMatch(segment, 2, st, 2, issues);
      if (is835) {
        transactions.push({ control: element(st, 2), body: segments.slice(start + 1, index), separators });
      }
      return index + 1;
    }
    if (segment.id === 'ST' || segment.id === 'GE' || segment.id === 'GS' || segment.id === 'IEA') {
      issues.at(
        segment.position,
        segment.id,
        `the transaction set opened by ST at segment ${st.position} has no SE trailer before this ${segment.id}`,
      );
      return index;
    }
    index++;
  }
  issues.at(st.position, 'ST', 'the transaction set has no SE trailer (the text ends first)');
  return index;
}
