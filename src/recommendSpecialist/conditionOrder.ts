/**
 * Which of the conditions found in a text comes first: the patient's present ones before those of the past ("history
 * of …", read here; childException.ts's `notThePatients` adds other people's) and of the perinatal period (for a
 * patient past infancy), for the first condition named routes. Split from conditionWords.ts, which finds them;
 * nothing here picks a specialist.
 */
import { tokenize } from '../engine/phraseMatcher.js';
import { CONTEXT_REACH, type Found, inPerinatalChapter } from './conditionWords.js';

/**
 * The condition phrases with those of the perinatal period ("born prematurely") after the others, for a patient
 * whose given age is at least `fromAge`: a child past infancy was born early, but what is wrong now routes.
 */
export function perinatalHistoryLast<Payload extends { range?: { from: string } }>(
  found: Found<Payload>[],
  age: number | undefined,
  fromAge: number | undefined,
): Found<Payload>[] {
  if (age === undefined || fromAge === undefined || age < fromAge) return found;
  return lastWhere(
    found,
    (item) => item.payload.range !== undefined && inPerinatalChapter(item.payload.range),
  );
}

/**
 * The items that pass `moved` after the others, each group in its own order (so when all or none pass, the order is
 * kept).
 *
 * @example
 * ```ts
 * lastWhere(found, pastHistoryTest(text)); // "history of asthma; pneumonia": the pneumonia first
 * ```
 */
export function lastWhere<Item>(found: Item[], moved: (item: Item) => boolean): Item[] {
  if (found.length < 2) return found;
  const flags = found.map(moved);
  if (!flags.some(Boolean)) return found;
  return [...found.filter((_, index) => !flags[index]), ...found.filter((_, index) => flags[index])];
}

/**
 * A "history of" list: up to the end of the sentence or bracket, or up to a word that turns to the present ("history
 * of gestational diabetes, now type 2 diabetes": the diabetes of today is not past). Each character is tried once
 * against the turning words, so the scan stays linear.
 */
const PRESENT = '(?:now|currently|presently|today)\\b';
const HISTORY_LIST = new RegExp(`\\bhistory\\s+of\\b(?:(?!\\b${PRESENT})[^;.()[\\]\\n])*`, 'gi');
/** A word of the present right where a list ends (sticky: tried at that place, nothing sliced). */
const PRESENT_AT = new RegExp(PRESENT, 'iy');

/**
 * Where the past lies after each "history of", in words: the list that follows, up to the end of the sentence or
 * bracket ("a history of seizures, head injury, obstructive sleep apnea") or a word of the present ("now"), and,
 * past an opening bracket, at least the CONTEXT_REACH words after "of" ("history of (remote) asthma"). A list ended
 * with its clause ends there ({@link endsClause}): "history of asthma; lung cancer" is a present lung cancer.
 */
function historyLists(text: string | undefined): [number, number][] {
  if (!text || !/history\s+of/i.test(text)) return [];
  const lists: [number, number][] = [];
  for (const match of text.matchAll(HISTORY_LIST)) {
    const from = tokenize(text.slice(0, match.index)).length;
    // "history" and "of" are the span's first two words. A list ended by a word of the present ("…, now") or by the
    // end of its clause is no longer than its own words.
    const words = tokenize(match[0]).length;
    const end = (match.index ?? 0) + match[0].length;
    PRESENT_AT.lastIndex = end;
    const ownWordsOnly = PRESENT_AT.test(text) || endsClause(text, end);
    lists.push([from, from + (ownWordsOnly ? words : Math.max(words, 2 + CONTEXT_REACH))]);
  }
  return lists;
}

/**
 * Whether the mark at `at` ends a "history of" list with its clause: a semicolon, a line break, a closing bracket or a
 * full stop, but not an opening bracket ("history of (remote) asthma") nor a decimal point ("history of a 2.5 cm
 * stone").
 */
function endsClause(text: string, at: number): boolean {
  const mark = text.charAt(at);
  if (mark === '.') return !/\d/.test(text.charAt(at + 1));
  return mark === ';' || mark === '\n' || mark === ')' || mark === ']';
}

/**
 * A test of whether a place found in the text lies in one of its "history of …" lists: a past condition, background
 * to the present. The lists are read once, for every place tested.
 */
export function pastHistoryTest(text: string | undefined): <Payload>(item: Found<Payload>) => boolean {
  const lists = historyLists(text);
  return (item) => lists.some(([from, to]) => item.start >= from && item.start < to);
}

/** The text without the past conditions it names: "history of …" up to the end of its clause. */
export function withoutPastHistory(text: string): string {
  return text.replace(/\bhistory of\b[^,;.()[\]\n]*/gi, ' ');
}
