/**
 * A code's shape once normalised: a letter, a digit, a digit or letter, then up to four more characters;
 * or FY2026's QA0 category (genetic disorders), the one code whose second character is a letter. Letters
 * are not allowed there in general, so that a CARC written as "CO45" is not read as a diagnosis.
 */
const SHAPE = /^(?:[A-Z][0-9][0-9A-Z]|QA[0-9])[0-9A-Z]{0,4}$/;

/** An ICD-10-CM code read from input or from a rule file. */
export interface Icd10Code {
  /** Uppercase, without the dot: `I214`. Compared as a string against the range table. */
  code: string;
  /** As ICD-10-CM prints it: `I21.4`. */
  display: string;
}

/**
 * Reads an ICD-10-CM code by its shape: `I21.4`, `i214`, `C50.911`, `M17.11`, `F32.A`, `U07.1`, `O9A.1`.
 * Case and surrounding spaces do not matter; a dot may only follow the third character. Returns
 * undefined when the string is not shaped like a code (whether the code exists is the range table's
 * question, not this one's).
 *
 * @example
 * ```ts
 * parseIcd10('i21.4'); // { code: 'I214', display: 'I21.4' }
 * parseIcd10('F32A');  // { code: 'F32A', display: 'F32.A' }
 * parseIcd10('QA0.1'); // { code: 'QA01', display: 'QA0.1' }
 * parseIcd10('CO-50'); // undefined
 * ```
 */
export function parseIcd10(raw: string): Icd10Code | undefined {
  if (raw.length > 16) return undefined;
  let code = raw.trim().toUpperCase();
  const dot = code.indexOf('.');
  if (dot !== -1) {
    if (dot !== 3 || code.length === 4) return undefined;
    code = code.slice(0, 3) + code.slice(4);
  }
  if (!SHAPE.test(code)) return undefined;
  return { code, display: code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code };
}

/**
 * Where a range written `from`–`to` ends (exclusive): every code that starts with `to` is inside, and
 * nothing after.
 *
 * @example
 * ```ts
 * 'I2510' < rangeEnd('I25'); // true: I25.10 is inside I20–I25
 * 'I26' < rangeEnd('I25');   // false
 * ```
 */
export function rangeEnd(to: string): string {
  // '~' sorts after every digit and capital letter, so `to + '~'` is above every code that starts with `to`.
  return `${to}~`;
}

/**
 * Whether range `inner` lies inside range `outer` (each written `from`–`to`, dotted or not), or is the same.
 *
 * @example
 * ```ts
 * rangeHolds({ from: 'C00', to: 'D49' }, { from: 'C61' }); // true
 * rangeHolds({ from: 'E70', to: 'E88' }, { from: 'E88.01' }); // true
 * rangeHolds({ from: 'I20', to: 'I25' }, { from: 'I26' }); // false
 * ```
 */
export function rangeHolds(
  outer: { from: string; to?: string | undefined },
  inner: { from: string; to?: string | undefined },
): boolean {
  const code = (raw: string) => parseIcd10(raw)?.code ?? raw;
  return (
    code(inner.from) >= code(outer.from) &&
    rangeEnd(code(inner.to ?? inner.from)) <= rangeEnd(code(outer.to ?? outer.from))
  );
}

/**
 * A code's position among codes of its length (base 36, digits before letters), for measuring how wide
 * a range is.
 *
 * @example
 * ```ts
 * ordinal('I25') - ordinal('I20'); // 5
 * ```
 */
export function ordinal(code: string): number {
  let value = 0;
  for (let index = 0; index < code.length; index++) {
    const char = code.charCodeAt(index);
    value = value * 36 + (char <= 0x39 ? char - 0x30 : char - 0x41 + 10);
  }
  return value;
}

/**
 * A range as people write it: `I20–I25`, or `C61` for a range of one code.
 *
 * @example
 * ```ts
 * span({ from: 'I20', to: 'I25' }); // 'I20–I25'
 * ```
 */
export const span = (range: { from: string; to?: string }): string =>
  range.to && range.to !== range.from ? `${range.from}–${range.to}` : range.from;

/** Symptom (R), status and encounter (Z) and special-purpose (U) codes name no disease. */
export const SECONDARY = /^[RZU]/;

/** The symptoms chapter (R00–R99): a sign, not a disease (status and encounter codes are not read so). */
export const SYMPTOMS = /^R/;
