/**
 * Whether `other` is `word` with a plain ending of number, tense or -ly (a silent e or a y let go): the same word, not
 * worth a line in the stem audits (scripts/stem-audit.ts for the denial phrases, scripts/condition-stem-audit.ts for
 * the condition search).
 *
 * @example
 * ```ts
 * inflects('terminate', 'terminated'); // true
 * inflects('terminal', 'termination'); // false
 * ```
 */
const INFLECTION = /^(s|es|d|ed|ing|ly|ies|ied)$/;

export const inflects = (word: string, other: string): boolean =>
  [word, word.replace(/e$/, ''), word.replace(/y$/, '')].some(
    (base) => base.length > 0 && other.startsWith(base) && INFLECTION.test(other.slice(base.length)),
  );
