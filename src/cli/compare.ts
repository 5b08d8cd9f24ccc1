/** Value comparison for fixture runs: partial expectations and full before/after differences. */

/** One place where two values differ. */
export interface Difference {
  /** JSONPath-like location: `$.deadline.deadline`, `$.checklist.items[2].id`. */
  path: string;
  expected: unknown;
  actual: unknown;
  /** Why they differ when it is not simply the value (a missing key, an array of another length). */
  note?: string;
}

/**
 * Where `actual` differs from the partial expectation: objects match key by key (extra actual keys are
 * fine), arrays element by element with equal length, everything else by strict equality.
 */
export function partialDifferences(expected: unknown, actual: unknown, path = '$'): Difference[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual, note: 'expected an array' }];
    if (actual.length !== expected.length) {
      return [{ path, expected, actual, note: `expected ${expected.length} items, got ${actual.length}` }];
    }
    return expected.flatMap((item, index) => partialDifferences(item, actual[index], `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [{ path, expected, actual, note: 'expected an object' }];
    return Object.entries(expected).flatMap(([key, value]) =>
      partialDifferences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}

/**
 * Every difference between two whole answers, field by field. Arrays of equal length compare element
 * by element; arrays of different lengths are reported whole (so a list that gained an item reads as
 * one change, not as every later element shifting).
 */
export function fullDifferences(before: unknown, after: unknown, path = '$'): Difference[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return [{ path, expected: before, actual: after }];
    return before.flatMap((item, index) => fullDifferences(item, after[index], `${path}[${index}]`));
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fullDifferences(before[key], after[key], `${path}.${key}`));
  }
  return Object.is(before, after) ? [] : [{ path, expected: before, actual: after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value in one line for a report: JSON, cut at `max` characters. */
export function brief(value: unknown, max = 160): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A difference as one line: `$.deadline.deadline: expected "2026-05-07", got "2026-05-08"`. */
export function describeDifference(difference: Difference, words = { from: 'expected', to: 'got' }): string {
  const note = difference.note ? ` (${difference.note})` : '';
  return `${difference.path}: ${words.from} ${brief(difference.expected)}, ${words.to} ${brief(difference.actual)}${note}`;
}
