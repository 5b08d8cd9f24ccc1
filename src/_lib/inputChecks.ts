/**
 * The pieces of the hot path's fast input checks (`isValidDenialInput`, `isValidCaseInput` and the others): each
 * answers whether a value is one its schema accepts as it is, without zod, so that a valid input costs no schema
 * and the schema runs only to explain a refusal. Each check may refuse what its schema would accept (the schema
 * then decides), never the other way: property tests compare every check with its schema on random inputs.
 */
import { isIsoDate } from '../dates/isoDate.js';
import { isInInputDateRange } from '../engine/provenance.js';

/**
 * An object literal or `JSON.parse` result: its prototype is Object's or none. zod also reads the keys an
 * object inherits (an object whose prototype is an array has a key "0"), so the fast checks leave any other
 * object to the schema.
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 });          //=> true
 * isPlainObject(Object.create([])); //=> false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Whether every field of `value` passes its check in `checks` (a field set to `undefined` counts as absent, as
 * in zod's optional fields), no other field is there, and every field of `required` is present.
 *
 * @example
 * ```ts
 * const checks = new Map([['age', (v: unknown) => typeof v === 'number']]);
 * fieldsPass({ age: 3 }, checks, ['age']);  //=> true
 * fieldsPass({ agee: 3 }, checks, []);      //=> false
 * ```
 */
export function fieldsPass(
  value: unknown,
  checks: ReadonlyMap<string, (field: unknown) => boolean>,
  required: readonly string[],
): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    const check = checks.get(key);
    if (!check) return false;
    const field = value[key];
    if (field === undefined) {
      if (required.includes(key)) return false;
      continue;
    }
    if (!check(field)) return false;
  }
  for (const key of required) if (value[key] === undefined) return false;
  return true;
}

/** Whether `field` is an array of at most `max` entries, each (holes included) accepted by `check`. */
export function isListOf(field: unknown, max: number, check: (entry: unknown) => boolean): boolean {
  if (!Array.isArray(field) || field.length > max) return false;
  for (let index = 0; index < field.length; index++) if (!check(field[index])) return false;
  return true;
}

/** A date an input may carry: a real `YYYY-MM-DD` from 1950 to 2150 (as `inputDateSchema`). */
export function isInputDate(value: unknown): boolean {
  return isIsoDate(value) && isInInputDateRange(value);
}

/** A whole number from `min` to `max`. */
export function isWholeNumber(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
