import MiniSearch from 'minisearch';
import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { stemWord } from '../_lib/stemWord.js';
import { tokenize } from '../engine/phraseMatcher.js';
import { checkEffectiveRange, isoDateSchema, provenanceShape } from '../engine/provenance.js';
import { editorSchemaShape } from '../engine/tables.js';
import { parseIcd10, SECONDARY } from './icd10.js';
import { checkBounds, checkRows, icd10Bound, phrase } from './ruleShapes.js';

// ---------------------------------------------------------------------------------------------------
// icd10cm.json: ICD-10-CM chapters, blocks and categories, searched when a condition names no phrase

const indexRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      /** Where the row sits in the tabular list. */
      level: z.enum(['chapter', 'block', 'category']),
      from: icd10Bound,
      /** Last code of a chapter or block; absent for a category or a one-category block. */
      to: icd10Bound.optional(),
      /** The ICD-10-CM title, as the tabular list prints it. */
      title: z.string().min(2).max(200),
      /** overturn's own plain words for the row (not ICD-10-CM text): what a patient would type. */
      terms: z.array(phrase).optional(),
      /** A condition of childhood: without an age, the patient is taken to be a child (bronchiolitis). */
      pediatric: z.boolean().optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(checkBounds),
);

export type IndexRow = z.infer<typeof indexRowSchema>;

/** A 3-character category code as the tabular list writes it: A00, I5A, and FY2026's QA0. */
const isCategoryCode = (code: string) => code.length === 3 && parseIcd10(code)?.code === code;

/**
 * The code set's 3-character categories with their titles only, under one provenance: the whole tabular
 * list at category level costs some 80 KB this way, against ten times that as rows that each repeat their
 * citation. A category that needs plain terms or a flag is a row of `rows` instead, and not listed here.
 */
const categoryTableSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      /** Code → title, as the tabular list prints it. */
      titles: z.record(z.string(), z.string().min(2).max(200)),
      /** Code → the tabular list's inclusion terms for it, searched like a row's terms. */
      terms: z.record(z.string(), z.array(phrase).min(1)).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine((table, ctx) => {
      // The keys are checked here, not by a key schema, so that the message says what a key must be.
      for (const code of Object.keys(table.titles))
        if (!isCategoryCode(code))
          ctx.addIssue({
            code: 'custom',
            path: ['titles', code],
            message: 'a 3-character ICD-10-CM category such as I21 or I5A',
          });
      for (const code of Object.keys(table.terms ?? {}))
        if (!(code in table.titles))
          ctx.addIssue({ code: 'custom', path: ['terms', code], message: `${code} has terms but no title` });
    }),
);

/** The category table of a condition-index file. */
export type CategoryTable = z.infer<typeof categoryTableSchema>;

export const conditionIndexFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('condition-index'),
      codeSystem: z.literal('ICD-10-CM'),
      /** The fiscal year of the code set the titles come from (FY2026: in effect from 2025-10-01). */
      fiscalYear: z.number().int().min(2016).max(2100),
      source: z
        .object({
          name: z.string().min(3),
          url: z.url({ protocol: /^https?$/ }),
          effectiveFrom: isoDateSchema,
        })
        .strict(),
      description: z.string().optional(),
      rows: z.array(indexRowSchema).min(1),
      categories: categoryTableSchema.optional(),
    })
    .strict()
    .superRefine(checkRows)
    .superRefine(checkCategoryTable),
);

export type ConditionIndexFile = z.infer<typeof conditionIndexFileSchema>;

/**
 * A category is a row or a title of the table, not both: one place to read and change it (a one-category
 * block, such as B20, is its category's row).
 */
function checkCategoryTable(
  file: { rows: readonly IndexRow[]; categories?: CategoryTable | undefined },
  ctx: z.RefinementCtx,
) {
  if (!file.categories) return;
  const taken = new Set(file.rows.flatMap((row) => (row.to ? [row.id] : [row.id, row.from])));
  for (const code of Object.keys(file.categories.titles)) {
    if (taken.has(`icd10cm.${code}`) || taken.has(code))
      ctx.addIssue({
        code: 'custom',
        path: ['categories', 'titles', code],
        message: `${code} is also a row of rows: keep it in one place`,
      });
  }
}

/**
 * Every row the index searches: its `rows`, then each title of its category table as a row of its own
 * (id `icd10cm.<code>`, the table's provenance), in code order.
 *
 * @example
 * ```ts
 * indexRows({ rows: [], categories: { id: 'icd10cm.categories', …, titles: { A00: 'Cholera' } } })[0];
 * // { id: 'icd10cm.A00', level: 'category', from: 'A00', title: 'Cholera', citation: …, status: … }
 * ```
 */
export function indexRows(file: {
  rows: readonly IndexRow[];
  categories?: CategoryTable | undefined;
}): readonly IndexRow[] {
  const table = file.categories;
  if (!table) return file.rows;
  const { titles, terms, id: _id, ...provenance } = table;
  const listed = Object.keys(titles)
    .sort()
    .map((code): IndexRow => {
      const row: IndexRow = {
        ...provenance,
        id: `icd10cm.${code}`,
        level: 'category',
        from: code,
        title: titles[code] as string,
      };
      const own = terms?.[code];
      if (own) row.terms = own;
      return row;
    });
  return [...file.rows, ...listed];
}

// ---------------------------------------------------------------------------------------------------
// Search

/**
 * The words the search leaves out only because they say nothing on their own: grammar, the tabular list's own
 * qualifiers and the generic names of an illness. A title or term is in a text whole without them ("eye problem" in
 * "an eye condition"): see {@link wholeWordsOf}.
 */
const GENERIC_WORDS = new Set(
  (
    'a an and are as at be by for from has have he her his i in into is it its my of on or our she so than that the ' +
    'their them they this to was we were with your you me him not no other others certain specified unspecified ' +
    'elsewhere classified disease diseases disorder disorders condition conditions problem problems issue issues ' +
    'syndrome syndromes due related type types kind chronic acute severe treatment therapy care patient patients ' +
    'illness illnesses'
  ).split(' '),
);

/**
 * Words that say nothing about which condition: dropped from titles and queries alike, so that "a
 * nervous system disorder" is searched as "nervous system" and does not prefer every "Other disorders
 * of …" title. Besides the generic words, words that name no condition here but do in some title: they are left
 * out of the search's scoring, not out of what a term says ({@link wholeWordsOf}).
 */
const STOP_WORDS = new Set([
  ...GENERIC_WORDS,
  ...(
    'son daughter child mother father wife husband many multiple several left right bilateral unilateral age ' +
    // "can no longer manage her care" found contraceptive management (Z30); "A1c down to 6.8" Down syndrome;
    // "a small indentation in the forehead" the small intestine (C17); "a very rare form of dwarfism" rare
    // menstruation (N91) and other forms of heart disease (I30–I5A); "frequent loss of consciousness" frequent
    // menstruation (N92); "lacked the necessary support" the teeth's supporting structures (K08); "burning pain"
    // burns (T20–T32, as "burning" and "burns" share a stem); "born without a kidney" mosquito-borne viral
    // encephalitis (A83, as "born" and "borne" share one).
    // "a dog attack" found transient ischemic attacks (G45): an attack is an event, not a condition, and the
    // conditions people name with it are phrases ("heart attack", "panic attack") or name what attacks ("porphyria
    // attacks": E80). "Broken" says no organ ("broken collarbone" found the spine's "broken back"). "A disabled
    // veteran" found intellectual disabilities (F70–F79), and "in certain areas of her body" a foreign body (T15–T19):
    // neither word names a condition by itself ("disability" and the titles' other words still count). "A disease
    // that affects his whole body" found mood [affective] disorders (F30–F39): the verb, not the adjective; and
    // "home-based services" the base of the tongue (C01); "an offender known to him" delirium due to a known
    // physiological condition (F05), and "cognitive and physical impairment" the ear's malformations causing an
    // impairment of hearing (Q16).
    'manage managed managing management down up small large rare form forms frequent frequently support ' +
    'supports supporting supported burning born attack attacks attacked broken broke ' +
    'disabled body affects affected affecting based known impairment impairments ' +
    // "lost weight" and "lost about 13 pounds" found the acquired absence of a limb (Z89, whose "lost leg" still reads
    // whole with both words): "lost" says no organ. "A partial hospitalization program" found partial trisomies (Q92),
    // and "a mammogram with suspicious results" the disorders resulting from impaired renal tubular function (N25):
    // neither word names a condition ("partial trisomy" and "partial seizures" still find theirs by the other word).
    // Nor does "abnormal" alone: with "results" unscored, "abnormal lab results" found abnormal uterine bleeding (N93),
    // which its other words still find ("abnormal uterine bleeding", "abnormal heart rhythm" keep their terms whole).
    'lost partial result results resulting abnormal ' +
    // "A physician who entered psychoanalysis" and "entering the hospital" found foreign bodies "entering through
    // natural orifice" (T15–T19), and "in conjunction with" (by the search's fuzziness) conduct disorders (F91):
    // neither word names a condition.
    'enter enters entered entering conjunction ' +
    // Words of a plan's or a person's sentence that share a stem with a title's word (a survey of the development
    // rows' words against the titles' stems): "coverage terminated" found a failed termination of pregnancy (O07),
    // "formulary exception" a title's "except", "not reasonable and necessary" the "other reasons" of Z53 and Z04,
    // "later diagnosed with it" amyotrophic lateral sclerosis (G12), "under the care of her doctor" diabetes "due to
    // underlying condition" (E08), "visit limits reached" vasculitis "limited to skin" (L95), "the effective date"
    // the toxic effects of alcohol (T51), "plan rules" conditions "ruled out" (Z03), "her medications" the
    // complications of medical care (T80–T88) and "extreme fatigue" the extremities: none names a condition.
    'terminate terminated terminates exception exceptions exceptional except reason reasons reasonable reasonably ' +
    'later under underlying limit limits effective effectively ineffective rule rules ruled medication medications ' +
    'extreme extremely ' +
    // And, from the same survey: "continued care" found the disorders of continuity of bone (M84), "service excluded
    // by the plan" a title's "excluding foot" (M76), "specialized formula" the codes for special purposes (U00–U85),
    // "followed by a neurologist" a development retarded "following" malnutrition (E45).
    'continue continues continued continuing continuous continuation exclude excludes excluded excluding ' +
    'specialized follow follows followed following'
  ).split(' '),
]);

/**
 * Words read as another before stemming, so that a patient's word finds the tabular list's: the alphabetic
 * index sends "cancer", "carcinoma" and the like to "Neoplasm, by site, malignant", whose titles say
 * "Malignant neoplasm of …"; and the list names organs by their nouns ("Malignant neoplasm of esophagus")
 * where people often use the adjective ("esophageal cancer"). Only adjectives with one meaning are listed
 * ("cervical" is the neck or the cervix, so it is not).
 */
const MALIGNANT_NEOPLASM = ['malignant', 'neoplasm'];
// A Map, not an object: a person's word ("constructor") must never reach an object's prototype.
const SAME_AS: ReadonlyMap<string, string | readonly string[]> = new Map(
  Object.entries({
    cancer: MALIGNANT_NEOPLASM,
    cancers: MALIGNANT_NEOPLASM,
    carcinoma: MALIGNANT_NEOPLASM,
    carcinomas: MALIGNANT_NEOPLASM,
    adenocarcinoma: MALIGNANT_NEOPLASM,
    malignancy: MALIGNANT_NEOPLASM,
    malignancies: MALIGNANT_NEOPLASM,
    tumor: 'neoplasm',
    tumors: 'neoplasm',
    tumour: 'neoplasm',
    tumours: 'neoplasm',
    esophageal: 'esophagus',
    oesophageal: 'esophagus',
    gastric: 'stomach',
    hepatic: 'liver',
    renal: 'kidney',
    pulmonary: 'lung',
    cardiac: 'heart',
    cerebral: 'brain',
    pancreatic: 'pancreas',
    ovarian: 'ovary',
    uterine: 'uterus',
    colonic: 'colon',
    rectal: 'rectum',
    prostatic: 'prostate',
    testicular: 'testis',
    tracheal: 'trachea',
    // Lay names of organs, as the list names them ("belly" and "tummy" are not: they name aches, fat and bugs as
    // often as the abdomen's diseases, and found the peritoneum's abscesses; the abdominal-pain terms read them).
    testicle: 'testis',
    testicles: 'testis',
    testes: 'testis',
    womb: 'uterus',
    windpipe: 'trachea',
    laryngeal: 'larynx',
    pharyngeal: 'pharynx',
    bronchial: 'bronchus',
    cutaneous: 'skin',
    aural: 'ear',
  }),
);

/** A search hit: the row, what it routes to, and the query words it matched. */
export interface ConditionMatch<Target> {
  row: IndexRow;
  target: Target;
  /** The query's words (stemmed) that the row matched. */
  words: string[];
  /**
   * Whether the text holds every word of the row's title or of one of its terms but the generic words (not just some
   * of them): see {@link wholeWordsOf}.
   */
  whole: boolean;
}

/**
 * Words kept apart from Porter2's stems: it gives "conduction" and "conductive" the stem of "conduct", so a heart's
 * "conduction abnormality" found conduct disorders (F91), and a child's "conduct problems" would find the heart's
 * conduction disorders (I45); and "personality" the stem of "person" and "personal", so "a person who cannot walk"
 * and "personal care needs" found personality disorders (F60). Three inflammations lose their "-itis" to a common
 * word's stem: "enteritis" to "enter" ("a physician who entered psychoanalysis" found enteritis and colitis,
 * K50–K52), "conjunctivitis" to "conjunct" ("in conjunction with" found the conjunctiva's disorders, H10–H11) and
 * "appendicitis" to "append" ("the report appended to the claim" found the appendix's diseases, K35–K38); and the
 * words below share a title word's stem (scripts/condition-stem-audit.ts). Each is read as its own form (a plural
 * as its singular).
 */
const OWN_STEM: ReadonlyMap<string, string> = new Map([
  ['conduction', 'conduction'],
  ['conductive', 'conductive'],
  ['personality', 'personality'],
  ['personalities', 'personality'],
  ['enteritis', 'enteritis'],
  ['conjunctivitis', 'conjunctivitis'],
  ['appendicitis', 'appendicitis'],
  // "A home health aide" found HIV disease (B20) through "AIDS"; "skilled nursing" the scholastic skills' disorders
  // (F81); "a communication device" communicable diseases.
  ['aide', 'aide'],
  ['aides', 'aide'],
  ['skilled', 'skilled'],
  ['communication', 'communication'],
  ['communications', 'communication'],
]);

/** A word as the index keeps it, once it is known to count: its own form, its synonyms', or its Porter2 stem. */
function indexForms(word: string): string | string[] {
  const own = OWN_STEM.get(word);
  if (own !== undefined) return own;
  const same = SAME_AS.get(word) ?? word;
  return typeof same === 'string' ? stemOf(same) : same.map(stemOf);
}

/**
 * A number alone ("13", "28"): it names no condition by itself, and the three titles that hold one (trisomy 13
 * and 18, COVID-19, the 28 days after an infarction) are found by their words. Scored, "lost 13 pounds" found
 * trisomy 13 (Q91). Left out of the scoring only: a term's number still counts toward reading it whole.
 */
const NUMBER = /^\d+$/;

/**
 * A word (lowercase) as the search scores it: its forms (a stem, or a synonym's stems), or none for a stop word
 * or a number. For audits of the stems (scripts/condition-stem-audit.ts).
 *
 * @example
 * ```ts
 * scoredForms('conditions'); // [] (a generic word)
 * scoredForms('enteritis'); // ['enteritis'] (kept apart from "enter")
 * ```
 */
export function scoredForms(word: string): string[] {
  const forms = processTerm(word);
  return forms === null ? [] : typeof forms === 'string' ? [forms] : forms;
}

/** The words of a text as the index keeps them: lowercase, generic words dropped, synonyms read as one, Porter2 stems. */
function processTerm(term: string): string | string[] | null {
  if (term.length < 2 || STOP_WORDS.has(term) || NUMBER.test(term)) return null;
  return indexForms(term);
}

/**
 * Stems already made. Building the index stems every word of every title and term, most of them many times
 * over ("disease", "other", "unspecified"): stemming each distinct word once cut the build (the first search's
 * cost) by more than half. Bounded, emptied when full.
 */
const stems = new Map<string, string>();
const STEMS_LIMIT = 50_000;

function stemOf(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEMS_LIMIT) stems.clear();
    stemmed = stemWord(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

function processedWords(words: readonly string[]): string[] {
  return words.flatMap((word) => processTerm(word) ?? []);
}

/** The words that must all be in a text for a title or term to be there whole (see {@link wholeWordsOf}). */
function wholeWords(text: string): string[] {
  return wholeWordsOf(tokenize(text));
}

/**
 * A title's or term's words as the text must hold them for it to be there whole: all but the generic words. The
 * other stop words ("multiple", "burning", "down", "small", "attack") and single letters ("Q fever", "C section") are
 * left out of the search's scoring, not of what a term says: "systemic sclerosis" is not a whole "multiple
 * sclerosis", "high fever" not Q fever, "pain in her feet" not "burning feet", "section of the bowel" not a C section.
 */
function wholeWordsOf(words: readonly string[]): string[] {
  return words.flatMap((word) => {
    if (GENERIC_WORDS.has(word)) return [];
    // A single letter names something ("Q fever", "hepatitis C"), but "s" is a plural's "(s)" ("limb(s)").
    if (word.length < 2) return /[a-rt-z]/.test(word) ? [word] : [];
    return indexForms(word);
  });
}

/** A first letter people leave out when they spell by ear (psoriasis, pneumonia, knee, gnathic, wrist). */
const SILENT_FIRST = /^(p[sn]|kn|gn|wr)/;

/** How many of the best-scored results are re-ranked; the rest cannot win. */
const CANDIDATES = 25;

/**
 * Finds the ICD-10-CM chapter, block or category whose title or plain terms best match a condition in
 * plain words. minisearch scores the rows (BM25 over titles and terms, terms weighed double, Porter2 stems,
 * one typo forgiven in stems of six or seven letters, two from eight: a fifth of the length, rounded; at
 * most one typo was measured on the development set and lost a case; a typo only where the word begins as the
 * text's does, a silent first letter aside); among the best, a row with a whole
 * term (or its whole title) in the text wins ("fever" is a term of the general-symptoms block, "rheumatic
 * fever" is not in the text), then the row matching more of the text's words, then the row reading fewer of
 * them through a typo where another row holds the word as written, then a disease over a symptom, status or
 * special-purpose row, then the score. The minisearch index is built on the first search, so only a caller
 * that needs it pays.
 *
 * @example
 * ```ts
 * const index = new ConditionIndex([{ row: hepatitisBlock, target: 'gi-liver' }]);
 * index.find('chronic hepatitis C')?.row.id; // 'icd10cm.B15-B19'
 * ```
 */
export class ConditionIndex<Target> {
  private search: MiniSearch<{ id: number; title: string; terms: string }> | undefined;
  /**
   * Per row, its title and each term as the words a text must hold for it to be whole: made when the row is first a
   * candidate.
   */
  private readonly phrases: (string[][] | undefined)[] = [];

  private routed: readonly { row: IndexRow; target: Target }[] | undefined;

  /**
   * @param entries the rows with what each routes to, or a function that gives them: called once, when a
   * search or `rows` first needs them.
   */
  constructor(
    private readonly entries:
      | readonly { row: IndexRow; target: Target }[]
      | (() => readonly { row: IndexRow; target: Target }[]),
  ) {}

  /** Every row that can be found, with what it routes to, in file order. */
  get rows(): readonly { row: IndexRow; target: Target }[] {
    if (!this.routed) this.routed = typeof this.entries === 'function' ? this.entries() : this.entries;
    return this.routed;
  }

  /** The words of a text as the search reads them: stemmed, and without those that say nothing of a condition. */
  termsOf(text: string): string[] {
    return processedWords(tokenize(text));
  }

  /**
   * The best match for the text, or undefined when no row shares a meaningful word with it. `accept`, when
   * given, leaves out the rows it refuses (a newborn's condition for an adult).
   */
  find(
    text: string,
    accept?: (row: IndexRow, target: Target) => boolean,
  ): ConditionMatch<Target> | undefined {
    const search = this.build();
    // Search on the first 2,000 characters: a condition is a few words, and a pasted letter should not
    // cost more than one.
    const query = text.slice(0, 2000);
    const results = search.search(query, {
      boost: { terms: 2 },
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      combineWith: 'OR',
    });
    if (!results.length) return undefined;
    const queryWords = tokenize(query);
    const words = new Set(processedWords(queryWords));
    // A word read through a typo must begin as one of the text's words does: people seldom mistype a first letter,
    // and a correct word one letter from a title's is no typo ("mastectomy" had found a vasectomy's sterilization
    // block, "foster child" zoster, "carotid" the parotid gland). A silent first letter may be left out
    // ("soriasis", "neumonia", "nee"). A row holding no word as typed is left out; one that also holds such words
    // counts only those ("selective" is read as "elective" as well, beside "selective mutism" itself).
    const initials = new Set([...words].map((word) => word[0]));
    const readsAsTyped = (term: string) =>
      words.has(term) || initials.has(term[0]) || (SILENT_FIRST.test(term) && initials.has(term[1]));
    const typed = (result: { terms: string[] }) => result.terms.some(readsAsTyped);
    const present = new Set(wholeWordsOf(queryWords));
    let best: { id: number; key: number[]; queryTerms: string[]; whole: boolean } | undefined;
    const candidates = results.filter(typed).slice(0, CANDIDATES);
    // The text's words that some candidate holds as written: only such a word can be read "through a typo".
    const written = new Set(candidates.flatMap((result) => result.terms).filter((term) => words.has(term)));
    for (const result of candidates) {
      const id = result.id as number;
      const { row, target } = this.rows[id] as { row: IndexRow; target: Target };
      if (accept && !accept(row, target)) continue;
      const whole = this.phrasesOf(id).some(
        (phrase) => phrase.length > 0 && phrase.every((word) => present.has(word)),
      );
      const primary = !SECONDARY.test(row.from);
      // A word read through a typo ("status" as "stature") where another row holds it as written ranks after
      // that row; a word no row holds as written ("migrane") keeps its typo reading at full weight.
      const typos = result.queryTerms.filter(
        (term) => written.has(term) && !result.terms.includes(term),
      ).length;
      // A word matched only past its first letter does not count among the text's words the row holds.
      const misread = result.terms.filter((term) => !readsAsTyped(term)).length;
      const key = [whole ? 1 : 0, result.queryTerms.length - misread, -typos, primary ? 1 : 0, result.score];
      if (!best || isGreater(key, best.key)) best = { id, key, queryTerms: result.queryTerms, whole };
    }
    if (!best) return undefined;
    const entry = this.rows[best.id] as { row: IndexRow; target: Target };
    return { row: entry.row, target: entry.target, words: best.queryTerms, whole: best.whole };
  }

  private build() {
    if (this.search) return this.search;
    const search = new MiniSearch<{ id: number; title: string; terms: string }>({
      fields: ['title', 'terms'],
      tokenize: (text) => tokenize(text),
      processTerm,
    });
    search.addAll(
      this.rows.map((entry, id) => ({
        id,
        title: entry.row.title,
        terms: (entry.row.terms ?? []).join(' ; '),
      })),
    );
    this.search = search;
    return search;
  }

  private phrasesOf(id: number): string[][] {
    let phrases = this.phrases[id];
    if (!phrases) {
      const { row } = this.rows[id] as { row: IndexRow };
      phrases = [row.title, ...(row.terms ?? [])].map(wholeWords);
      this.phrases[id] = phrases;
    }
    return phrases;
  }
}

/** Lexicographic comparison of two keys of the same length; a tie keeps the earlier (better-scored) one. */
function isGreater(left: readonly number[], right: readonly number[]): boolean {
  for (let index = 0; index < left.length; index++) {
    if ((left[index] as number) !== (right[index] as number))
      return (left[index] as number) > (right[index] as number);
  }
  return false;
}
