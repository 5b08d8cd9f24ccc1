import { OverturnError, type OverturnIssue } from '../../errors.js';

/** Stop collecting after this many problems: a badly broken file would otherwise list thousands. */
const MAX_ISSUES = 50;

/** Collects the problems found in one X12 file; {@link throwIfAny} raises them together. */
export class X12Issues {
  readonly list: OverturnIssue[] = [];
  private overflow = false;

  /** Records a problem at `['segment', position, element?]` (position counts segments from 1 = ISA). */
  at(position: number, element: string | undefined, message: string): void {
    this.add(element === undefined ? ['segment', position] : ['segment', position, element], message);
  }

  /** Records a problem at any path. */
  add(path: (string | number)[], message: string): void {
    if (this.list.length >= MAX_ISSUES) {
      this.overflow = true;
      return;
    }
    this.list.push({ path, message });
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws `OverturnError('INVALID_INPUT')` when anything was recorded. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const issues = this.overflow
      ? [...this.list, { path: [], message: `more than ${MAX_ISSUES} problems; the rest are not listed` }]
      : this.list;
    throw new OverturnError('INVALID_INPUT', issues);
  }
}

/** Shows a value from the file in a message: quoted, at most 20 characters, control characters escaped. */
export function show(value: string): string {
  const cut = value.length > 20 ? `${value.slice(0, 20)}…` : value;
  return JSON.stringify(cut);
}
