/**
 * Which of the conditions found in a text comes first: the patient's present ones before those of the past ("history
 * of …"), of the perinatal period (for a patient past infancy) and of other people ("my husband is …"), for the first
 * condition named routes. Split from conditionWords.ts, which finds them; nothing here picks a specialist.
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
  if (found.length < 2 || age === undefined || fromAge === undefined || age < fromAge) return found;
  const perinatal = (item: Found<Payload>) =>
    item.payload.range !== undefined && inPerinatalChapter(item.payload.range);
  return [...found.filter((item) => !perinatal(item)), ...found.filter(perinatal)];
}

/**
 * The condition phrases with those of the patient's past ("a history of rheumatic fever", see historyLists)
 * after the others: the first condition named routes, and a past one is background to the present one, not the
 * dispute. When every phrase is in the past, the order is kept.
 */
export function pastHistoryLast<Payload>(
  found: Found<Payload>[],
  text: string | undefined,
): Found<Payload>[] {
  if (found.length < 2) return found;
  const past = found.map(pastHistoryTest(text));
  if (past.every(Boolean) || !past.some(Boolean)) return found;
  return [...found.filter((_, index) => !past[index]), ...found.filter((_, index) => past[index])];
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

/**
 * The condition phrases said of another person ("my husband is schizophrenic", "my mother's infected tooth", "family
 * history: father with epilepsy") after the others: the patient's own condition routes. A relative's word opens the
 * span, which runs to the end of its clause or to the writer's own turn ("…; I have", "and I"). Not a son, daughter or
 * child: a parent writing for a child names the patient that way. When every phrase is another's, or none is, the
 * order is kept (a carer writing of a spouse names only the spouse's conditions).
 */
export function othersLast<Payload>(found: Found<Payload>[], text: string | undefined): Found<Payload>[] {
  if (found.length < 2 || !text || !OTHER_PERSON_CUE.test(text)) return found;
  const spans: [number, number][] = [];
  for (const match of text.matchAll(OTHER_PERSON_SPAN)) {
    const from = tokenize(text.slice(0, match.index)).length;
    spans.push([from, from + tokenize(match[0]).length]);
  }
  const others = found.map((item) => spans.some(([from, to]) => item.start >= from && item.start < to));
  if (others.every(Boolean) || !others.some(Boolean)) return found;
  return [...found.filter((_, index) => !others[index]), ...found.filter((_, index) => others[index])];
}

const RELATIVES =
  "(?:husband|wife|spouse|mother|father|mom|mum|dad|sister|brother|grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin)(?:['\u2019]s)?";
const OTHER_PERSON_CUE = new RegExp(`\\b(?:${RELATIVES}|family history)\\b`, 'i');
/** A relative (after "my", "his", "her", "our", "their") or a family history, to its clause's end or the writer's turn. */
const OTHER_PERSON_SPAN = new RegExp(
  `(?:\\b(?:my|his|her|our|their)\\s+${RELATIVES}\\b|\\bfamily history\\b)(?:(?!\\b(?:I|I'm|I am|me|myself)\\b)[^;.()[\\]\\n])*`,
  'gi',
);
