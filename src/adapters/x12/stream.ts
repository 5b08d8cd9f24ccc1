/**
 * Reads an X12 835 as a stream: text goes in chunk by chunk, and each denial comes out as soon as its claim
 * is complete, in memory that holds one transaction's header and one claim, whatever the size of the file.
 *
 * The rules are those of {@link fromX12_835} (delimiters from the ISA, envelope counts and control numbers,
 * the same claim and line denials), but a problem does not reject the file: it is reported with the place
 * it belongs to (the file, a transaction, a claim) and the reading goes on. A claim with a problem is
 * reported instead of analysed; a transaction whose header is broken, or whose ST01 is not 835, is reported
 * and its claims skipped; a wrong SE count or control number is reported after the transaction's claims,
 * which were already read. Only a broken ISA header stops the reading: without its delimiters nothing after
 * it can be split.
 * @module
 */
import type { OverturnIssue } from '../../errors.js';
import { checkCount, checkMatch, element } from './envelope.js';
import { show, X12Issues } from './issues.js';
import { readRemittance } from './remittance.js';
import {
  emptySegment,
  ISA_BODY,
  ISA_SEPARATOR_OFFSETS,
  ISA_WIDTHS,
  isBlank,
  isLineBreak,
  readIsa,
  type Segment,
  type Separators,
  segmentIdProblem,
  unterminated,
  withoutCarriageReturn,
} from './tokenize.js';
import type { X12DenialCase } from './types.js';

/** What the stream reader gives: a denial, or a problem and where it is. */
export type X12StreamItem =
  | { kind: 'case'; found: X12DenialCase }
  | {
      kind: 'problem';
      /** `file`, `transaction 0001` or `transaction 0001 claim PCN-7`. */
      where: string;
      issues: OverturnIssue[];
    };

type State = 'outside' | 'interchange' | 'group' | 'transaction' | 'skipped-transaction';

/**
 * The stream reader: {@link push} text as it arrives, then {@link end}; every denial and problem is handed
 * to `emit` as soon as it is known, in file order.
 *
 * @example
 * ```ts
 * const denials: X12DenialCase[] = [];
 * const problems: X12StreamItem[] = [];
 * const reader = new X12StreamReader((item) => {
 *   if (item.kind === 'case') denials.push(item.found); // item.found.denial.codes: ['CO-50', 'N115']
 *   else problems.push(item); // item.where: 'transaction 0009', item.issues: [{ path, message }]
 * });
 * for await (const chunk of chunks) reader.push(chunk); // the file's text, in pieces of any size
 * reader.end();
 * ```
 */
export class X12StreamReader {
  private text = '';
  private started = false;
  private stopped = false;
  /** Position of the next segment, counting from 1 (the first ISA), as {@link fromX12_835} counts. */
  private position = 1;
  private separators: Separators | undefined;
  private state: State = 'outside';
  private isa: Segment | undefined;
  private gs: Segment | undefined;
  private st: Segment | undefined;
  private groups = 0;
  private transactions = 0;
  private segments = 0;
  private header: Segment[] = [];
  private headerChecked = false;
  private claim: Segment[] | undefined;

  constructor(private readonly emit: (item: X12StreamItem) => void) {}

  /** Reads the text of the next chunk. */
  push(chunk: string): void {
    if (this.stopped) return;
    this.text += chunk;
    this.drain(false);
  }

  /** The text has ended: reads what is left and reports what was never closed. */
  end(): void {
    if (!this.stopped) this.drain(true);
    if (!this.started && !this.stopped) {
      this.problem('file', [], 'the text is empty: expected an X12 835 file starting with an ISA segment');
      return;
    }
    if (this.state === 'transaction' || this.state === 'skipped-transaction') {
      this.finishClaim();
      const st = this.st as Segment;
      this.problem(
        this.transaction(),
        [st.position, 'ST'],
        'the transaction set has no SE trailer (the text ends first)',
      );
      this.state = 'group';
    }
    if (this.state === 'group') {
      const gs = this.gs as Segment;
      this.problem(
        'file',
        [gs.position, 'GS'],
        'the functional group has no GE trailer (the text ends first)',
      );
      this.state = 'interchange';
    }
    if (this.state === 'interchange') {
      const isa = this.isa as Segment;
      this.problem('file', [isa.position, 'ISA'], 'the interchange has no IEA trailer (the text ends first)');
    }
  }

  private problem(where: string, at: (string | number)[], message: string): void {
    this.emit({ kind: 'problem', where, issues: [{ path: at.length ? ['segment', ...at] : [], message }] });
  }

  /** Where a syntax problem belongs: the transaction being read, else the file. */
  private where(): string {
    return this.state === 'transaction' ? this.transaction() : 'file';
  }

  private transaction(): string {
    return `transaction ${element(this.st as Segment, 2) || '(no ST02)'}`;
  }

  /** Splits the buffered text into segments; keeps an incomplete last segment for the next chunk. */
  private drain(final: boolean): void {
    const text = this.text;
    let index = 0;
    while (!this.stopped) {
      if (!this.separators) {
        // Between interchanges (or at the start): blank space, then an ISA.
        if (!this.started && text.charCodeAt(index) === 0xfeff) index++;
        while (isBlank(text[index])) index++;
        if (index >= text.length) break;
        if (!text.startsWith('ISA', index)) {
          if (!final && text.length - index < 3 && 'ISA'.startsWith(text.slice(index))) break;
          this.problem(
            'file',
            [this.position],
            `expected an ISA segment (interchange header), found ${show(text.slice(index, index + 3))}`,
          );
          this.stopped = true;
          break;
        }
        if (!final && text.length - index < ISA_BODY + 1) break;
        const issues = new X12Issues();
        const separators = readIsa(text, index, this.position, issues);
        if (!separators) {
          this.emit({ kind: 'problem', where: 'file', issues: issues.list });
          this.stopped = true;
          break;
        }
        const elements = ['ISA'];
        for (let n = 0; n < ISA_WIDTHS.length; n++) {
          const start = index + (ISA_SEPARATOR_OFFSETS[n] as number) + 1;
          elements.push(text.slice(start, start + (ISA_WIDTHS[n] as number)));
        }
        this.started = true;
        this.separators = separators;
        this.segment({ id: 'ISA', elements, position: this.position++ });
        index += ISA_BODY + 1;
        continue;
      }
      const separators = this.separators;
      // Line breaks after a terminator are layout (unless the terminator is itself a line break).
      while (index < text.length && isLineBreak(text[index]) && text[index] !== separators.segment) index++;
      if (index >= text.length) break;
      let end = text.indexOf(separators.segment, index);
      let raw: string;
      if (end === -1) {
        if (!final) break;
        raw = text.slice(index).trimEnd();
        end = text.length;
        if (raw === '') {
          index = end;
          break;
        }
        this.problem(this.where(), [this.position], unterminated(raw, separators));
      } else raw = text.slice(index, end);
      index = end + 1;
      raw = withoutCarriageReturn(raw, separators);
      if (raw === '') {
        const problem = emptySegment(separators);
        if (problem) this.problem('file', [this.position], problem);
        continue;
      }
      const elements = raw.split(separators.element);
      const id = elements[0] as string;
      const segment = { id, elements, position: this.position++ };
      const badId = segmentIdProblem(id);
      if (badId) this.problem(this.where(), [segment.position], badId);
      this.segment(segment);
      if (id === 'IEA') this.separators = undefined;
    }
    this.text = text.slice(index);
  }

  /** The envelope and claim state machine, one segment at a time. */
  private segment(segment: Segment): void {
    const issues = new X12Issues();
    switch (this.state) {
      case 'outside':
        // Only an ISA reaches here (drain reads one before anything else).
        this.isa = segment;
        this.groups = 0;
        this.state = 'interchange';
        return;
      case 'interchange':
        if (segment.id === 'GS') {
          this.groups++;
          this.gs = segment;
          this.transactions = 0;
          if (element(segment, 1) !== 'HP')
            issues.at(
              segment.position,
              'GS01',
              `GS01 is ${show(element(segment, 1))}; a group of 835 remittances is "HP" (health care claim payment/advice)`,
            );
          this.state = 'group';
        } else if (segment.id === 'IEA') {
          checkCount(segment, 1, this.groups, 'functional groups', issues);
          checkMatch(segment, 2, this.isa as Segment, 13, issues);
          this.state = 'outside';
        } else {
          issues.at(
            segment.position,
            undefined,
            `${segment.id} is outside a functional group (expected GS or IEA)`,
          );
        }
        this.report('file', issues);
        return;
      case 'group':
        if (segment.id === 'ST') {
          this.openTransaction(segment);
          return;
        }
        if (segment.id === 'GE') {
          checkCount(segment, 1, this.transactions, 'transaction sets', issues);
          checkMatch(segment, 2, this.gs as Segment, 6, issues);
          this.state = 'interchange';
        } else if (segment.id === 'GS' || segment.id === 'IEA') {
          issues.at(
            segment.position,
            segment.id,
            `the functional group opened by GS at segment ${(this.gs as Segment).position} has no GE trailer before this ${segment.id}`,
          );
          this.report('file', issues);
          this.state = 'interchange';
          this.segment(segment);
          return;
        } else {
          issues.at(
            segment.position,
            undefined,
            `${segment.id} is outside a transaction set (expected ST or GE)`,
          );
        }
        this.report('file', issues);
        return;
      default:
        this.inTransaction(segment, issues);
        return;
    }
  }

  private openTransaction(st: Segment): void {
    const issues = new X12Issues();
    this.transactions++;
    this.st = st;
    this.segments = 1;
    this.header = [];
    this.headerChecked = false;
    this.claim = undefined;
    this.state = 'transaction';
    if (element(st, 1) !== '835') {
      issues.at(
        st.position,
        'ST01',
        `ST01 is ${show(element(st, 1))}; only 835 transaction sets (health care claim payment/advice) are read`,
      );
      this.state = 'skipped-transaction';
    }
    if (element(st, 2) === '')
      issues.at(st.position, 'ST02', 'ST02 (the transaction set control number) is empty');
    this.report(this.transaction(), issues);
  }

  private inTransaction(segment: Segment, issues: X12Issues): void {
    const st = this.st as Segment;
    if (segment.id === 'ST' || segment.id === 'GE' || segment.id === 'GS' || segment.id === 'IEA') {
      this.finishClaim();
      issues.at(
        segment.position,
        segment.id,
        `the transaction set opened by ST at segment ${st.position} has no SE trailer before this ${segment.id}`,
      );
      this.report(this.transaction(), issues);
      this.state = 'group';
      this.segment(segment);
      return;
    }
    this.segments++;
    if (segment.id === 'SE') {
      this.finishClaim();
      checkCount(segment, 1, this.segments, 'segments', issues);
      checkMatch(segment, 2, st, 2, issues);
      this.report(this.transaction(), issues);
      this.header = [];
      this.state = 'group';
      return;
    }
    if (this.state === 'skipped-transaction') return;
    if (segment.id === 'CLP' || segment.id === 'LX' || segment.id === 'PLB') {
      this.finishClaim();
      if (!this.headerChecked && !this.checkHeader()) {
        this.state = 'skipped-transaction';
        return;
      }
      if (segment.id === 'CLP') this.claim = [segment];
      return;
    }
    if (this.claim) this.claim.push(segment);
    else this.header.push(segment);
  }

  /** Reads the header once, alone: a broken header is reported once and the transaction's claims skipped. */
  private checkHeader(): boolean {
    this.headerChecked = true;
    const issues = new X12Issues();
    readRemittance(this.current(this.header), issues);
    if (!issues.count) return true;
    this.report(this.transaction(), issues);
    return false;
  }

  private finishClaim(): void {
    const claim = this.claim;
    this.claim = undefined;
    if (!claim || this.state !== 'transaction') return;
    const issues = new X12Issues();
    const found = readRemittance(this.current([...this.header, ...claim]), issues);
    if (issues.count) {
      this.report(`${this.transaction()} claim ${element(claim[0] as Segment, 1) || '(no CLP01)'}`, issues);
      return;
    }
    for (const item of found) this.emit({ kind: 'case', found: item });
  }

  private current(body: Segment[]) {
    return {
      control: element(this.st as Segment, 2),
      body,
      separators: this.separators as Separators,
    };
  }

  private report(where: string, issues: X12Issues): void {
    if (!issues.count) return;
    try {
      issues.throwIfAny();
    } catch (error) {
      this.emit({ kind: 'problem', where, issues: (error as { issues: OverturnIssue[] }).issues });
    }
  }
}
