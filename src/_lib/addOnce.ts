/*
 * Lists that hold each value once, in the order first added. An answer's warnings, rule ids and citations are a
 * handful to a few dozen: comparing them is cheaper than hashing them into a Set and copying it out (profiles of
 * analyzeCase, 2026-12-07).
 */

/**
 * Adds `value` to `list` unless the list holds it already.
 *
 * @example
 * ```ts
 * const ids = ['a'];
 * addOnce(ids, 'a');
 * addOnce(ids, 'b'); // ids: ['a', 'b']
 * ```
 */
export function addOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * Adds each of `values` to `list` that the list does not hold yet, in their order.
 *
 * @example
 * ```ts
 * const ids = ['a'];
 * addEachOnce(ids, ['b', 'a', 'b']); // ids: ['a', 'b']
 * ```
 */
export function addEachOnce<T>(list: T[], values: readonly T[]): void {
  for (const value of values) addOnce(list, value);
}

/**
 * The values in their order, each once.
 *
 * @example
 * ```ts
 * eachOnce(['b', 'a', 'b']); // ['b', 'a']
 * ```
 */
export function eachOnce<T>(values: readonly T[]): T[] {
  const once: T[] = [];
  addEachOnce(once, values);
  return once;
}
