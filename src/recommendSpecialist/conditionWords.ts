/**
 * How a condition's words are read before anything routes: phrases found in order (a phrase inside a longer one
 * dropped), conditions the text denies ("does not have …"), words and stated ages that say the patient is a child,
 * accents folded. Which of the conditions found comes first (the past, the perinatal and other people's after the
 * patient's present ones) is conditionOrder.ts's. Nothing here picks a specialist.
 */
import { type PhraseMatcher, tokenize } from '../engine/phraseMatcher.js';
import type { IndexRow } from './conditionIndex.js';
import type { PhraseHit, RangeRow, SpecialistRules, Target } from './ruleData.js';

/** A phrase found in the input: what it leads to, and where it is (in words). */
export interface Found<Payload> {
  phrase: string;
  payload: Payload;
  start: number;
  end: number;
  /** Set when no phrase matched and the ICD-10-CM index found the condition instead. */
  indexRow?: IndexRow;
  /** For an index match: whether the text names the row whole (every word of its title or of a term). */
  whole?: boolean;
  /** For a treatment: read from its billing code, not from words (it never takes the route: recommend.ts). */
  byCode?: true;
  /** Read as a narrower range by a qualifier before it ("benign" tumor: `readQualified`): the qualifier's first word. */
  qualifiedFrom?: number;
}

/** Whether a row or range (an ICD-10-CM span) lies in the perinatal chapter (P00–P96). */
export function inPerinatalChapter(row: { from: string }): boolean {
  return row.from.startsWith('P');
}

/** Whether an index row lies outside the perinatal chapter (P00–P96). */
export function notPerinatal(row: IndexRow): boolean {
  return !inPerinatalChapter(row);
}

/** An age stated in the words, as written and in whole years. */
export interface StatedAge {
  text: string;
  years: number;
  /** The index of the word the age starts at ("age" in "age 40"). */
  at: number;
}

/**
 * The first word of the condition that says the patient is a child (quoted), when no age was given. `ages`: the
 * words' stated ages, when the caller has read them already.
 */
export function wordOfChild(
  rules: SpecialistRules,
  words: readonly string[],
  ages: readonly StatedAge[] = statedAges(words),
): string | undefined {
  const word = wordIn(rules.childWords, words, (index) => !aboutOthers(words, index));
  if (word !== undefined) return word;
  const minor = words.findIndex(
    (candidate, index) => candidate === 'minor' && isMinorPerson(words, index) && !aboutOthers(words, index),
  );
  if (minor >= 0) return '"minor"';
  // Not an age the words give another person or a thing ("born to a 16 year old mother", "the policy not yet three
  // years old").
  const age = ages.find((stated) => stated.years < rules.children.ageBelow && isPatientsAge(words, stated));
  return age === undefined ? undefined : `"${age.text}"`;
}

/**
 * Whether "minor" at `index` names a person under 18 rather than something small ("minor crowding", "a minor
 * accident", "thalassemia minor"): it ends the text ("leukemia in a minor", "eating disorder (minor)"), or a
 * person's initials or "whose", "who", "diagnosed" follow it ("minor T.S.", "a minor whose dental profile"). "Minor
 * son", "minor daughter" and "minor child" are child words of the rule set already.
 */
function isMinorPerson(words: readonly string[], index: number): boolean {
  const next = words[index + 1];
  if (next === undefined) return !NAMES_ENDING_MINOR.has(words[index - 1] as string);
  return MINOR_FOLLOWERS.has(next) || (next.length === 1 && (words[index + 2]?.length ?? 1) === 1);
}

/** Words after which "minor" is a person: "a minor whose…", "a minor who…", "a minor diagnosed with…". */
const MINOR_FOLLOWERS: ReadonlySet<string> = new Set(['whose', 'who', 'diagnosed']);

/**
 * The words before "minor" in the names of conditions that end with it: thalassemia minor (ICD-10-CM D56.3, in both
 * spellings) and erythema multiforme minor (a form of L51, erythema multiforme). There "minor" names the
 * condition's form, not the patient's age.
 */
const NAMES_ENDING_MINOR: ReadonlySet<string> = new Set(['thalassemia', 'thalassaemia', 'multiforme']);

/**
 * Whether a word of childhood at `index` speaks of someone else or of long ago: a word of parenthood followed by
 * "of", or a word of the past, up to four words before it ("mother of 4 children", "after having three kids", "the
 * birth of her baby", "since she was a little girl").
 */
function aboutOthers(words: readonly string[], index: number): boolean {
  return wordBefore(index, 4, (at) => {
    const cue = words[at] as string;
    return PAST_CUES.has(cue) || (PARENT_WORDS.has(cue) && words[at + 1] === 'of');
  });
}

/**
 * Words of parenthood: followed by "of", the child named is the patient's child, not the patient ("mother of 4
 * children"); alone they say nothing ("toward his parents (boy)" is a boy).
 */
const PARENT_WORDS = new Set([
  'mother',
  'father',
  'parent',
  'parents',
  'mom',
  'dad',
  'grandmother',
  'grandfather',
]);

/** Words of a relative or carer other than a parent: an adult age or "adult" beside one may be theirs. */
const RELATIVE_WORDS = [
  'husband',
  'wife',
  'sister',
  'sisters',
  'brother',
  'brothers',
  'sibling',
  'siblings',
  'caregiver',
  'caregivers',
];

/**
 * Words of a person other than the patient: an adult age just after one is theirs ("father age 40"), and so is
 * "adult" just before one ("her adult sister").
 */
export const OTHER_PERSON_WORDS: ReadonlySet<string> = new Set([...PARENT_WORDS, ...RELATIVE_WORDS]);

/** Words after which a child named is long ago or not the patient: "since her teens", "when she was a girl". */
const PAST_CUES = new Set(['having', 'birth', 'carrying', 'pregnant', 'delivered', 'since', 'was']);

/** The first stated age, when it says the patient is an older adult (quoted: "80 year old"). */
export function olderAgeIn(ages: readonly StatedAge[], ageAtLeast: number): string | undefined {
  const age = ages[0];
  return age !== undefined && age.years >= ageAtLeast ? `"${age.text}"` : undefined;
}

/**
 * The first of `words` (or pair of neighbours: "young son", a son may be grown) in a set, quoted; with `accept`,
 * only one at an index it accepts.
 */
export function wordIn(
  set: ReadonlySet<string>,
  words: readonly string[],
  accept?: (index: number) => boolean,
): string | undefined {
  if (!set.size) return undefined;
  const at = words.findIndex((candidate, index) => set.has(candidate) && (!accept || accept(index)));
  if (at >= 0) return `"${words[at]}"`;
  for (let index = 0; index + 1 < words.length; index++) {
    const pair = `${words[index]} ${words[index + 1]}`;
    if (set.has(pair) && (!accept || accept(index))) return `"${pair}"`;
  }
  return undefined;
}

/** The text with its letters' accents dropped (é → e), the same length for the precomposed letters of names. */
export function withoutAccents(text: string | undefined): string | undefined {
  // Only when there is something to fold: most input is plain ASCII.
  return text && /[\u00c0-\u024f]/.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text;
}

/** English numbers a patient writes in an age ("a six-month-old"), up to the age of majority. */
const NUMBER_WORDS = new Map(
  [
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
  ].map((word, index) => [word, index + 1]),
);
const INFANT_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months']);
const YEAR_UNITS = new Set(['year', 'years', 'yr', 'yrs']);

/** A whole number of years a patient's age can be: no one is 121. */
const MOST_YEARS = 120;

/** Words before "age N" that make it a time in the patient's life, not the patient's age ("diagnosed at age 9"). */
const AGE_AS_TIME = new Set([
  'at',
  'since',
  'by',
  'until',
  'till',
  'before',
  'after',
  'from',
  'to',
  'of',
  'under',
  'over',
  'between',
  'around',
]);

/**
 * The ages stated in the words, in order, as written and in whole years (days, weeks and months old are 0): "a
 * six-month-old", "4 months old", "a 12 year old", "16yo", "16 y/o", "age 9", "aged 80" (not "at age 9", a time).
 * Code, not rule data: it reads how English states an age, not a legal or clinical fact.
 */
export function statedAges(words: readonly string[]): StatedAge[] {
  const ages: StatedAge[] = [];
  let at = 0;
  const add = (years: number, text: string) => {
    if (years <= MOST_YEARS) ages.push({ text, years, at });
  };
  for (; at < words.length; at++) {
    const word = words[at] as string;
    const next = words[at + 1];
    // "16yo" (one word), "16 yo", "16 y o" ("y/o").
    const glued = /^(\d{1,3})yo$/.exec(word);
    if (glued) add(Number(glued[1]), word);
    const value = /^\d{1,3}$/.test(word) ? Number(word) : NUMBER_WORDS.get(word);
    if (value !== undefined && next !== undefined) {
      if (next === 'yo' || (next === 'y' && words[at + 2] === 'o')) add(value, `${word} y/o`);
      // "old" or, before what is the child's, "old's" ("my 12-year-old's Crohn's disease"; not "the
      // 12-year-old's mother", who is then the patient).
      else if (isOld(words, at + 2) && INFANT_UNITS.has(next)) add(0, `${word} ${next} old`);
      else if (isOld(words, at + 2) && YEAR_UNITS.has(next)) add(value, `${word} ${next} old`);
    }
    // A relation and a bare number, as a parent writes an age: "my daughter, 16, has severe depression".
    if (
      RELATION_WORDS.has(word) &&
      next !== undefined &&
      /^\d{1,2}$/.test(next) &&
      (words[at + 2] === undefined || VERB_AFTER_AGE.has(words[at + 2] as string))
    )
      add(Number(next), `${word}, ${next}`);
    if ((word === 'age' || word === 'aged') && next !== undefined && /^\d{1,3}$/.test(next)) {
      const before = words[at - 1];
      if (before === undefined || !AGE_AS_TIME.has(before)) add(Number(next), `${word} ${next}`);
    }
  }
  return ages;
}

/** "old", or "old's" unless a parent follows ("the 12-year-old's mother"). */
function isOld(words: readonly string[], at: number): boolean {
  const word = words[at];
  return word === 'old' || (word === 'olds' && !PARENT_WORDS.has(words[at + 1] as string));
}
const RELATION_WORDS = new Set([
  'son',
  'daughter',
  'child',
  'boy',
  'girl',
  'kid',
  'grandson',
  'granddaughter',
]);
/** What follows an age set off by commas ("my daughter, 16, has …"), so that "son 2 visits" is not an age. */
const VERB_AFTER_AGE = new Set(['has', 'had', 'is', 'was', 'with', 'who', 'needs', 'needed', 'and']);

/** Whether one of the `reach` words before a phrase passes `test` (given that word's index). */
function wordBefore(start: number, reach: number, test: (at: number) => boolean): boolean {
  for (let at = Math.max(0, start - reach); at < start; at++) if (test(at)) return true;
  return false;
}

/** Words that deny the condition after them ("does not have type 1 diabetes"), within CONTEXT_REACH words. */
const NEGATIONS = new Set(['not', 'no', 'without', 'never']);
/** How many words before a phrase are read for a negation, and at least how far a "history of" reaches. */
export const CONTEXT_REACH = 3;

/**
 * The condition phrases the text does not deny: a phrase with "not", "no", "without", "never" or a patient's
 * "denies" among the three words before it, in its clause, is what the patient does not have; so is every phrase
 * after the negation of a denied list, to its sentence's end. When every phrase is denied, none is left, and the
 * condition is searched in the ICD-10-CM index instead.
 */
export function withoutNegated<Payload>(
  found: Found<Payload>[],
  words: readonly string[],
  text: string,
): Found<Payload>[] {
  // Most conditions hold no negation: their phrases are kept without reading the clauses.
  if (!found.length || !words.some((word) => NEGATIONS.has(word) || word === 'denies')) return found;
  // A negation reaches no further than its clause ("no smoking history, COPD"; "not pregnant, abnormal uterine
  // bleeding"), as the search's does.
  const { clause, sentence } = clausesOfWords(text);
  const denies = (at: number) => NEGATIONS.has(words[at] as string) || patientDenies(words, at, sentence);
  // A denied list ("no chest pain, palpitations, or syncope; GERD") denies every item to the end of its sentence.
  const listFrom = deniedListStarts(words, sentence, denies);
  return found.filter((item) => {
    const listStart = listFrom[sentence[item.start] as number];
    if (listStart !== undefined && listStart < item.start) return false;
    return !wordBefore(item.start, CONTEXT_REACH, (at) => denies(at) && clause[at] === clause[item.start]);
  });
}

/**
 * The condition phrases read through their range's qualifiers: a phrase with one of a qualifier's `after` words just
 * before it, in its clause ("benign tumor"; not "a lung nodule, benign, then cancer"), reads as the qualifier's
 * narrower range (`readAs`), with the word its qualifier begins at (`qualifiedFrom`), for the search to name the
 * code inside it (recommend.ts). Where the same range's phrases are also named without a qualifier ("a benign
 * tumor, and now a cancer"), that occurrence is kept too: `findAll` had kept one place of the two.
 */
export function readQualified(
  found: Found<Target>[],
  words: readonly string[],
  text: string,
  rules: Pick<SpecialistRules, 'conditions' | 'rangeTargets'>,
): Found<Target>[] {
  if (!found.some((item) => item.payload.range?.qualifiers)) return found;
  // Clauses are read only when a qualifier's words stand before a phrase: a cancer named plainly costs nothing more.
  let clause: number[] | undefined;
  // The qualifier of the range whose words end just before `start`, in its clause, and the word it begins at.
  const qualifierOf = (range: RangeRow, start: number) => {
    for (const qualifier of range.qualifiers ?? [])
      for (const after of qualifier.after) {
        const afterWords = tokenize(after);
        const from = start - afterWords.length;
        if (from < 0 || !afterWords.every((word, index) => words[from + index] === word)) continue;
        clause ??= clausesOfWords(text).clause;
        if (clause[from] === clause[start]) return { readAs: qualifier.readAs, from };
      }
    return undefined;
  };
  const result: Found<Target>[] = [];
  let added = false;
  for (const item of found) {
    const range = item.payload.range;
    const qualifier = range && qualifierOf(range, item.start);
    const narrower = qualifier && rules.rangeTargets.get(qualifier.readAs);
    if (!range || !narrower) {
      result.push(item);
      continue;
    }
    // The evidence quotes the qualifier with its phrase ("benign neoplasm").
    const phrase = words.slice(qualifier.from, item.end + 1).join(' ');
    result.push({ ...item, phrase, payload: narrower, qualifiedFrom: qualifier.from });
    let plain: Found<Target> | undefined;
    rules.conditions.forEachMatch(text, (hit, start, end) => {
      if (!plain && hit.payload === item.payload && start !== item.start && !qualifierOf(range, start))
        plain = { phrase: hit.phrase, payload: hit.payload, start, end };
    });
    if (plain) {
      result.push(plain);
      added = true;
    }
  }
  return added ? result.sort((a, b) => a.start - b.start) : result;
}

/**
 * For each sentence that denies a list (a negation followed, in the same sentence, by "or" or "nor"), the index of
 * its negation: every condition after it in that sentence is denied, commas or not.
 */
function deniedListStarts(
  words: readonly string[],
  sentence: readonly number[],
  denies: (at: number) => boolean,
): (number | undefined)[] {
  const starts: (number | undefined)[] = [];
  const negationAt: (number | undefined)[] = [];
  for (let at = 0; at < words.length; at++) {
    const which = sentence[at] as number;
    if (negationAt[which] === undefined && denies(at)) negationAt[which] = at;
    const word = words[at] as string;
    if ((word === 'or' || word === 'nor') && negationAt[which] !== undefined && starts[which] === undefined)
      starts[which] = negationAt[which];
  }
  return starts;
}

/**
 * Whether the word at `index` is "denies" said of the patient ("patient denies chest pain"), not of a payer ("Medicaid
 * denies hearing aids", "denies payment for"): no payer word in the four words before it in its sentence, and no word
 * of payment after it.
 */
function patientDenies(words: readonly string[], index: number, sentence: readonly number[]): boolean {
  if (words[index] !== 'denies') return false;
  if (PAYMENT_WORDS.has(words[index + 1] as string)) return false;
  for (let at = Math.max(0, index - 4); at < index; at++)
    if (sentence[at] === sentence[index] && PAYER_WORDS.has(words[at] as string)) return false;
  return true;
}

/** Words after "denies" that say a payer denied ("denies payment", "denies coverage"). */
const PAYMENT_WORDS = new Set([
  'payment',
  'coverage',
  'claim',
  'claims',
  'benefits',
  'reimbursement',
  'authorization',
  'approval',
  'request',
]);

/** Words that name a payer: "denies" after one of them is the payer's denial, not the patient's. */
const PAYER_WORDS = new Set([
  'insurance',
  'insurer',
  'insurers',
  'plan',
  'payer',
  'payor',
  'company',
  'medicaid',
  'medicare',
  'tricare',
  'va',
  'hmo',
  'ppo',
  'cigna',
  'aetna',
  'uhc',
  'unitedhealthcare',
  'humana',
  'anthem',
  'kaiser',
  'bcbs',
  'blue',
  'cross',
  'shield',
  'united',
  'healthcare',
  'molina',
  'centene',
  'wellcare',
  'ambetter',
  'oscar',
  'highmark',
  'premera',
  'regence',
  'optum',
  'caremark',
  'carrier',
  'state',
  'agency',
]);

/**
 * Whether the stated ages (from {@link statedAges}) include the patient's own adult age (`ageBelow` or more: "a 30
 * year old", "I am 25"), not another person's: an age with a parent, a spouse, a sibling or a caregiver in the three
 * words before it ("father age 40"), or a writer's "I am 45" in a text about "my son", is not the patient's.
 *
 * @example
 * ```ts
 * const words = tokenize('5 year old with autism; father age 40');
 * statesAdultAge(words, statedAges(words), 18); // false
 * ```
 */
export function statesAdultAge(
  words: readonly string[],
  ages: readonly StatedAge[],
  ageBelow: number,
): boolean {
  return ages.some((age) => age.years >= ageBelow && isPatientsAge(words, age));
}

/**
 * Whether a stated age is the patient's: not another person's, named in the three words before it ("father age
 * 40"), nor the writer's own ("I am 45") in a text about "my son".
 *
 * @example
 * ```ts
 * const words = tokenize('father age 40, son has asthma');
 * isPatientsAge(words, statedAges(words)[0]); //=> false
 * ```
 */
export function isPatientsAge(words: readonly string[], age: StatedAge): boolean {
  const window = words.slice(Math.max(0, age.at - 3), age.at);
  // The look-back for another person stops at "now": "born to a 15 year old mom, now 3 years old" is the child's 3.
  if (window.slice(window.lastIndexOf('now') + 1).some((other) => OTHER_PERSON_WORDS.has(other)))
    return false;
  // The age of a thing: "the policy not yet three years old", "her pump is 5 years old", "a 5 year old insulin pump";
  // not after a possessive or an article, which give a person's age ("a pump for my 5 year old").
  const after = words.slice(age.at + 1, age.at + 5);
  const old = after.indexOf('old');
  if (old >= 0 && after.slice(old + 1, old + 3).some((word) => THING_WORDS.has(word))) return false;
  if (!AGE_OWNERS.has(words[age.at - 1] ?? '') && window.some((word) => THING_WORDS.has(word))) return false;
  // The whole text is read for "my son" only when the writer speaks of themself next to the age.
  return !(
    window.includes('i') &&
    words.some((word, at) => word === 'my' && MY_CHILD_WORDS.has(words[at + 1] as string))
  );
}

/** Words just before an age that give it to a person: "my 5 year old", "a 4-year-old". */
const AGE_OWNERS: ReadonlySet<string> = new Set(['my', 'our', 'his', 'her', 'their', 'a', 'an']);

/** Things whose age a text gives: an age just after one is the thing's, not the patient's. */
const THING_WORDS: ReadonlySet<string> = new Set([
  'policy',
  'plan',
  'contract',
  'coverage',
  'insurance',
  'car',
  'van',
  'vehicle',
  'device',
  'pump',
  'implant',
  'prosthesis',
  'machine',
  'equipment',
  'mattress',
  'battery',
  'glasses',
  'dentures',
  'scooter',
]);

/**
 * Words of another person beside an older-adult word ("lives with elderly grandparents", "her parents are elderly",
 * "elderly foster parents"): the older adult is not the patient.
 */
const OLDER_OTHER_PERSON: ReadonlySet<string> = new Set([
  ...OTHER_PERSON_WORDS,
  'grandparent',
  'grandparents',
  'grandma',
  'grandpa',
  'aunt',
  'uncle',
  'foster',
  'guardian',
  'guardians',
  'relative',
  'relatives',
  'neighbor',
  'neighbors',
  'neighbour',
  'neighbours',
]);

/** Words right after an older-adult word that make it no person's age: "a geriatric pregnancy", "a geriatric psychiatrist". */
const OLDER_NOT_A_PERSON: ReadonlySet<string> = new Set([
  'pregnancy',
  'primigravida',
  'psychiatrist',
  'physician',
  'doctor',
  'medicine',
  'care',
]);

/**
 * Whether the older-adult word at `at` speaks of the patient: no other person's word in the two words before it or
 * the word after it, and no pregnancy or doctor right after it ("geriatric psychiatrist"). A doctor named further on
 * is the patient's doctor ("geriatric patient, physician ordered speech therapy").
 *
 * @example
 * ```ts
 * olderWordIsPatients(tokenize('autism, lives with elderly grandparents'), 3); //=> false
 * olderWordIsPatients(tokenize('elderly autistic man'), 0); //=> true
 * ```
 */
export function olderWordIsPatients(words: readonly string[], at: number): boolean {
  const next = words[at + 1] as string;
  if (OLDER_OTHER_PERSON.has(next) || OLDER_NOT_A_PERSON.has(next)) return false;
  return !words.slice(Math.max(0, at - 2), at).some((word) => OLDER_OTHER_PERSON.has(word));
}

/**
 * Whether a parent is named just after a stated age ("born to a 16 year old mother"): in a text about a baby, the
 * age is the parent's. (An adult's "45 year old mother with breast cancer" is the patient's own: this is asked only
 * of a child's age.)
 *
 * @example
 * ```ts
 * const words = tokenize('premature baby born to a 16 year old mother');
 * parentAfterAge(words, statedAges(words)[0]); //=> true
 * ```
 */
export function parentAfterAge(words: readonly string[], age: StatedAge): boolean {
  return PARENT_WORDS.has(words[age.at + age.text.split(' ').length] as string);
}

/** After "my", a child of the writer's: the writer's own age ("I am 45") is then not the patient's. */
const MY_CHILD_WORDS = new Set(['son', 'daughter', 'child', 'kid', 'baby', 'boy', 'girl']);

/**
 * Each word's clause and sentence (as {@link tokenize} reads the words): clauses end at `,` and at what ends a
 * sentence (`;` `.` `:`, brackets, line breaks), which tokenize reads as word breaks too, so the words of the parts
 * in order are the text's words.
 */
export function clausesOfWords(text: string): { clause: number[]; sentence: number[] } {
  const clause: number[] = [];
  const sentence: number[] = [];
  let clauseIndex = 0;
  text.split(SENTENCE_BREAK).forEach((part, sentenceIndex) => {
    for (const piece of part.split(',')) {
      for (let count = tokenize(piece).length; count > 0; count--) {
        clause.push(clauseIndex);
        sentence.push(sentenceIndex);
      }
      clauseIndex++;
    }
  });
  return { clause, sentence };
}

const SENTENCE_BREAK = /[;.:()[\]\n]/;

/**
 * Whether a treatment found in the text is named as one already given ("physical therapy after lumbar fusion",
 * "status post laminectomy", "failed back surgery"): the words just before it say so.
 */
export function isPriorTreatment<Payload>(item: Found<Payload>, words: readonly string[]): boolean {
  const before = words[item.start - 1];
  if (before === undefined) return false;
  if (PRIOR_WORDS.has(before)) return true;
  const pair = `${words[item.start - 2] ?? ''} ${before}`;
  return pair === 'status post' || pair === 's p';
}

const PRIOR_WORDS = new Set(['after', 'following', 'post', 'failed', 'unsuccessful', 'prior', 'previous']);

/**
 * Whether a treatment found in the text is named as the one not wanted ("home care instead of a nursing facility",
 * "physical therapy rather than surgery"): "instead of" or "rather than" just before it, an article between allowed.
 * Not where a payer is named before it: "the plan says physical therapy instead of a knee replacement" names the
 * payer's choice first, and the one wanted after.
 */
export function isNamedInstead<Payload>(item: Found<Payload>, words: readonly string[]): boolean {
  let at = item.start - 1;
  if (ARTICLES.has(words[at] ?? '')) at--;
  const pair = `${words[at - 1] ?? ''} ${words[at] ?? ''}`;
  if (pair !== 'instead of' && pair !== 'rather than') return false;
  return !words.slice(0, at - 1).some((word) => PAYER_WORDS.has(word));
}

const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * The text without the conditions it denies, for the ICD-10-CM search: a negation ("no", "not", "without", "never",
 * or "denies" said of the patient) and at most five words after it, up to a clause's end (`,` `;` `.` `:`, a bracket,
 * a dash) or "and" or "but" ("no diabetes, chronic kidney disease" is searched as the kidney disease; "not
 * hypertension/high blood pressure" as nothing of the heart); a denied list to its sentence's end. The phrases found
 * are filtered by {@link withoutNegated} instead, which reads the words before each, the same way.
 *
 * @example
 * ```ts
 * withoutDenied('no diabetes, chronic kidney disease'); // ' , chronic kidney disease'
 * ```
 */
export function withoutDenied(text: string): string {
  // Sentence by sentence (split keeping the marks): a denied list ("no chest pain, palpitations, or syncope") is denied
  // to the sentence's end; otherwise a negation to its clause's end, and "denies" said of the patient, not of a payer
  // ("patient denies chest pain; has GERD", but "Medicaid denies hearing aids").
  return text
    .split(/([;.:()[\]\n])/)
    .map((part) => {
      const list = DENIED_LIST.exec(part);
      if (list) return part.slice(0, list.index);
      const denied = part.replace(DENIED_CLAUSE, ' ');
      if (!/\bdenies\b/i.test(denied) || PAYER_DENIES.test(denied)) return denied;
      return denied.replace(DENIES_CLAUSE, ' ');
    })
    .join('');
}

const DENIED_LIST = /\b(?:no|not|without|never)\b(?=[\s\S]*\b(?:or|nor)\b)/i;

/** A word and at most five words after it, up to a clause's end, "and", "but" or a dash. */
const clauseAfter = (lead: string) =>
  new RegExp(
    `\\b(?:${lead})\\b(?:[^\\S\\n]+(?!(?:and|but)\\b|[-\\u2013\\u2014](?:\\s|$))[^\\s,;.:()[\\]]+){0,5}`,
    'gi',
  );
const DENIED_CLAUSE = clauseAfter('no|not|without|never');
const DENIES_CLAUSE = clauseAfter('denies');
/** "Denies" said of a payer, as {@link patientDenies} reads it: a payer word just before, or a word of payment after. */
const PAYER_DENIES = new RegExp(
  `\\b(?:${[...PAYER_WORDS].join('|')})\\b(?:\\W+\\w+){0,3}?\\W+denies\\b|\\bdenies\\s+(?:${[...PAYMENT_WORDS].join('|')})\\b`,
  'i',
);

/**
 * Every phrase found, in the order the text names them (the first is usually the principal condition); a
 * phrase inside a longer one is dropped, and so is a second phrase leading to the same place.
 */
export function findAll<Payload>(matcher: PhraseMatcher<PhraseHit<Payload>>, text: string): Found<Payload>[] {
  const found: Found<Payload>[] = [];
  matcher.forEachMatch(text, (hit, start, end) => {
    found.push({ phrase: hit.phrase, payload: hit.payload, start, end });
  });
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found<Payload>[] = [];
  for (const candidate of found) {
    const inside = kept.some((other) => other.start <= candidate.start && candidate.end <= other.end);
    const again = kept.some((other) => other.payload === candidate.payload);
    if (!inside && !again) kept.push(candidate);
  }
  // Each place in the order it is first named, by any of its wordings not inside another place's: "rehab care
  // at the nursing home (skilled nursing coverage)" names rehabilitation first, though its longest wording
  // (the one kept) comes last.
  const firstNamed = new Map<Payload, number>();
  for (const item of found) {
    const inside = kept.some(
      (other) => other.payload !== item.payload && other.start <= item.start && item.end <= other.end,
    );
    const known = firstNamed.get(item.payload);
    if (!inside && (known === undefined || item.start < known)) firstNamed.set(item.payload, item.start);
  }
  const named = (item: Found<Payload>) => firstNamed.get(item.payload) ?? item.start;
  return kept.sort((a, b) => named(a) - named(b) || a.start - b.start);
}
