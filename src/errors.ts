import type * as z from 'zod';

/** Why an overturn call was refused. */
export type OverturnErrorCode = 'INVALID_INPUT' | 'INVALID_RULE_SET';

/** One problem found in an input or a rule set. */
export interface OverturnIssue {
  /** Where the problem is, from the root of the input or rule file (`['codes', 2]`). */
  path: (string | number)[];
  /** What is wrong, in plain words. */
  message: string;
  /** For rule sets: the file (domain/file name) the problem is in. */
  file?: string;
  /** For rule sets: the id of the rule or row the problem is in, when known. */
  ruleId?: string;
}

/** A registry-wide brand, the same in every bundled copy of this module. */
const OVERTURN_ERROR = Symbol.for('overturn.OverturnError');

/**
 * The only error overturn throws on bad input or a bad rule set. Anything else escaping is a bug.
 *
 * @example
 * ```ts
 * try {
 *   classifyDenial({ codes: 'CO-50' as never });
 * } catch (error) {
 *   if (error instanceof OverturnError) console.log(error.code, error.issues);
 * }
 * ```
 */
export class OverturnError extends Error {
  readonly code: OverturnErrorCode;
  readonly issues: OverturnIssue[];

  constructor(code: OverturnErrorCode, issues: OverturnIssue[], message?: string) {
    super(message ?? summarize(code, issues));
    this.name = 'OverturnError';
    this.code = code;
    this.issues = issues;
    Object.defineProperty(this, OVERTURN_ERROR, { value: true });
  }

  /**
   * `instanceof` holds across copies of the class: the package's entry points (`overturn`,
   * `overturn/reference`) and its ESM and CJS builds each bundle their own, and an error thrown by one
   * must still be recognised by the others.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[OVERTURN_ERROR] === true
    );
  }
}

function summarize(code: OverturnErrorCode, issues: OverturnIssue[]): string {
  const head = code === 'INVALID_INPUT' ? 'Invalid input' : 'Invalid rule set';
  const first = issues[0];
  if (!first) return head;
  const where = [first.file, first.ruleId, first.path.length ? first.path.join('.') : undefined]
    .filter(Boolean)
    .join(' ');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${head}: ${where ? `${where}: ` : ''}${first.message}${more}`;
}

/** Converts zod issues to ours, keeping only the path and message (zod's extra fields stay internal). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): OverturnIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
  }));
}

/** Parses `value` with `schema` or throws `OverturnError('INVALID_INPUT')`. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new OverturnError('INVALID_INPUT', fromZodIssues(result.error.issues));
  return result.data;
}
