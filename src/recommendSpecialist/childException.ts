/**
 * What keeps a child's condition with its own specialists when a treatment names a child's area (`childArea`: home
 * nursing, personal care, post-acute care are the pediatrician's for a child): a code or a condition of an area or
 * range in `childAreaExceptFor`, named as the child's own and present. Split from recommend.ts, which composes it.
 */
import { pastHistoryTest } from './conditionOrder.js';
import { clausesOfWords, type Found, OTHER_PERSON_WORDS, withoutDenied } from './conditionWords.js';
import { SECONDARY } from './icd10.js';
import type { CodeHit, ProcedureRow, Target } from './ruleData.js';

/**
 * Whether a list of areas and ranges (`childAreaExceptFor`, `decidesOver`, `yieldsTo`) names a target's area or its
 * range.
 *
 * @example
 * ```ts
 * namesTarget(['icd10.E85'], { area: hematology, range: amyloidosis }); //=> true
 * ```
 */
export function namesTarget(list: readonly string[] | undefined, target: Target): boolean {
  return (
    list !== undefined &&
    (list.includes(target.area.id) || (target.range !== undefined && list.includes(target.range.id)))
  );
}

/** What keeps a child's condition with its own specialists against a treatment's `childArea`: a code or a condition. */
export type ChildException = { hit: CodeHit; found?: undefined } | { found: Found<Target>; hit?: undefined };

/**
 * What keeps a child's condition with its own specialists against a treatment's `childArea`: a code, or a condition
 * named as the patient's own, of an area or range in `childAreaExceptFor`; undefined when the `childArea` holds.
 */
export function childAreaException(
  row: ProcedureRow,
  conditions: readonly Found<Target>[],
  codeHits: readonly CodeHit[],
  othersCondition: (found: Found<Target>) => boolean,
): ChildException | undefined {
  const except = row.childAreaExceptFor;
  if (!except) return undefined;
  const hit = codeHits.find((code) => namesTarget(except, code.target));
  if (hit) return { hit };
  // A search names a condition to keep when it found one category whole and not a symptom ("hemiplegia", "osteogenesis
  // imperfecta"): a block or a chapter is as often a symptom's ("knee pain", "tremor", "low muscle tone"), and a guess
  // from some of the words ("complex medical needs") names nothing. A relative's condition ("mother has asthma") or a
  // past one ("history of tracheostomy, decannulated") is not the patient's present one.
  const found = conditions.find(
    (item) =>
      namesTarget(except, item.payload) &&
      (item.indexRow === undefined ||
        (item.whole === true && item.indexRow.level === 'category' && !SECONDARY.test(item.indexRow.from))) &&
      !othersCondition(item),
  );
  return found ? { found } : undefined;
}

/**
 * A test of the conditions found in a text that are not the patient's present ones: named as history ("history of
 * tracheostomy, decannulated"), or a relative's in the same clause: a relative followed by a word of having, the
 * condition within three words after it ("mother has asthma", "a brother who has cerebral palsy", "father has acute
 * leukemia", "siblings have CF", "my husband is schizophrenic"), a relative's possessive just before it ("mother's
 * leukemia"), or a family history ("family history of leukemia", "family history: father schizophrenic"); not a
 * relative who cares ("cared for by his mother, ventilator dependent", "mother has
 * to suction the trach", "mother has limited English, trach dependent").
 */
export function notThePatients(
  text: string | undefined,
  words: readonly string[],
): (found: Found<Target>) => boolean {
  const isPast = pastHistoryTest(text);
  // Read from the whole text at most once, when first needed.
  let parts: { clause: readonly number[]; sentence: readonly number[] } | undefined;
  let searchNotThePatients: boolean | undefined;
  return (found) => {
    if (isPast(found)) return true;
    const start = found.start;
    // A family history names the relatives' conditions just after it ("family history of leukemia", "family history:
    // father schizophrenic").
    if ([2, 3].some((back) => words[start - back] === 'history' && words[start - back - 1] === 'family'))
      return true;
    // A condition the search found is read at the text's start: it is the patient's only where the text names no
    // relative and denies nothing ("mother has hemiplegia", "no hemiplegia").
    if (found.indexRow !== undefined) {
      searchNotThePatients ??=
        words.some((word) => OTHER_PERSON_WORDS.has(word)) || withoutDenied(text ?? '') !== (text ?? '');
      return searchNotThePatients;
    }
    parts ??= text ? clausesOfWords(text) : { clause: [], sentence: [] };
    const { clause, sentence } = parts;
    const sameClause = (at: number) => clause[at] === clause[start];
    // Apostrophes join ("mother's" is read "mothers"): a relative's word with an "s" is a possessive, unless the word
    // is itself a plural the text may mean ("sisters", "parents"), which needs the apostrophe ("sister's leukemia").
    const before = words[start - 1];
    if (
      before?.endsWith('s') &&
      sameClause(start - 1) &&
      OTHER_PERSON_WORDS.has(before.slice(0, -1)) &&
      (!OTHER_PERSON_WORDS.has(before) || possessiveIn(text ?? '', before.slice(0, -1)))
    )
      return true;
    for (let at = Math.max(0, start - 5); at < start - 1; at++) {
      if (!OTHER_PERSON_WORDS.has(words[at] as string) || CARER_WORDS.has(words[at] as string)) continue;
      const having = words[at + 1] === 'who' ? at + 2 : at + 1;
      // The relative is in the condition's clause, or just before a "who" in its sentence ("his mother, who has
      // leukemia"); not "lives with mother, has cerebral palsy".
      const near = words[at + 1] === 'who' ? sentence[at] === sentence[start] : sameClause(at);
      if (!near || !sameClause(having)) continue;
      if (!HAVING_WORDS.has(words[having] as string) || words[having + 1] === 'to') continue;
      if (start - having <= 3) return true;
    }
    return false;
  };
}

/** After a relative, the words that make the condition theirs ("mother has", "father with", "husband is schizophrenic"). */
const HAVING_WORDS: ReadonlySet<string> = new Set([
  'has',
  'have',
  'had',
  'with',
  'suffers',
  'suffered',
  'is',
  'was',
]);

/** Relatives named as those who care for the patient, whose conditions are seldom what the text names. */
const CARER_WORDS: ReadonlySet<string> = new Set(['caregiver', 'caregivers', 'parents']);

/** Whether the text writes a relative's word as a possessive ("sister's", with any of the apostrophes people type). */
function possessiveIn(text: string, relative: string): boolean {
  return new RegExp(`\\b${relative}['\u2019\u0060\u00b4]s\\b`, 'i').test(text);
}
