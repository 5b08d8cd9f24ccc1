import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import type { FactDefinition } from '../engine/conditions.js';
import {
  type CompiledRule,
  compileRules,
  type DecisionRule,
  decisionRuleFileSchema,
  type IndexedRules,
  indexRules,
} from '../engine/decisionRules.js';
import { type PhraseAutomatonParts, PhraseMatcher, tokenize } from '../engine/phraseMatcher.js';
import { checkEffectiveRange, provenanceShape } from '../engine/provenance.js';
import { ProximityIndex, type TermPayload, termEntries } from '../engine/proximityMatcher.js';
import type { IssueCollector } from '../engine/ruleSet.js';
import { editorSchemaShape, tableFileSchema } from '../engine/tables.js';
import { IdTranslation, type TextNormalizer } from '../engine/textNormalizer.js';
import { DENIAL_CATEGORIES, DENIAL_STAGES, type DenialCategory, PLAN_TYPES } from '../types.js';
import { TextModel, type TextModelFile, textModelFileSchema } from './textModel.js';
import { type AbbreviationRow, abbreviationTableSchema, createDenialNormalizer } from './textRules.js';

/** Categories a rule or row may name (`unknown` is only ever the absence of evidence). */
const KNOWN_CATEGORIES = DENIAL_CATEGORIES.filter((category) => category !== 'unknown') as Exclude<
  DenialCategory,
  'unknown'
>[];
const categorySchema = lazySchema(() =>
  z.enum(KNOWN_CATEGORIES as [Exclude<DenialCategory, 'unknown'>, ...Exclude<DenialCategory, 'unknown'>[]]),
);

/** Claim adjustment group codes (CAS01). */
export const GROUP_CODES = ['CO', 'CR', 'OA', 'PI', 'PR'] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

/** CARC shapes: `50`, `B8`, `A1`, `P15`. RARC shapes: `M25`, `MA130`, `N115`. */
export const CARC_SHAPE = /^(?:\d{1,3}|[A-LO-Z]\d{1,3})$/;
export const RARC_SHAPE = /^(?:MA\d{1,3}|M\d{1,3}|N\d{1,3})$/;

// ---------------------------------------------------------------------------------------------------
// Code tables (CARC / RARC → category)

const codeRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      code: z.string(),
      /** Our own short label: X12's description text is never shipped. */
      label: z.string().min(3).max(90),
      category: categorySchema.nullable(),
      weight: z.number().int().min(0).max(4),
      alternatives: z
        .array(z.object({ category: categorySchema, weight: z.number().int().min(1).max(4) }).strict())
        .optional(),
      mixed: z.boolean().optional(),
      notADenial: z.boolean().optional(),
      retired: z.boolean().optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine((row, ctx) => {
      if (row.category === null && row.weight !== 0) {
        ctx.addIssue({ code: 'custom', path: ['weight'], message: 'a row without a category has weight 0' });
      }
      if (row.category !== null && row.weight === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['weight'],
          message: 'a row with a category needs a weight of 1 to 4',
        });
      }
    }),
);

export type CodeRow = z.infer<typeof codeRowSchema>;
type CodeTable = z.infer<typeof codeTableSchema>;

export const codeTableSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('code-table'),
      codeSystem: z.enum(['CARC', 'RARC']),
      description: z.string().optional(),
      rows: z.array(codeRowSchema),
    })
    .strict()
    .superRefine((table, ctx) => {
      const shape = table.codeSystem === 'CARC' ? CARC_SHAPE : RARC_SHAPE;
      const codes = new Set<string>();
      const ids = new Set<string>();
      table.rows.forEach((row, index) => {
        if (!shape.test(row.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'code'],
            message: `"${row.code}" is not a ${table.codeSystem} code`,
          });
        }
        if (codes.has(row.code))
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'code'],
            message: `duplicate code ${row.code}`,
          });
        if (ids.has(row.id))
          ctx.addIssue({ code: 'custom', path: ['rows', index, 'id'], message: `duplicate id ${row.id}` });
        codes.add(row.code);
        ids.add(row.id);
      });
    }),
);

// ---------------------------------------------------------------------------------------------------
// Phrase table (letter wording → category, or a named signal the decision rules use)

const phraseRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      category: categorySchema.nullable(),
      weight: z.number().int().min(0).max(3),
      phrases: z.array(z.string().min(1).max(200)).min(1).optional(),
      /**
       * Words that must occur near each other, in any order: each term lists alternative phrases, and
       * `within` is the longest span in words. For wording too varied for fixed phrases.
       */
      near: z
        .array(
          z
            .object({
              terms: z
                .array(z.array(z.string().min(1).max(100)).min(1))
                .min(2)
                .max(5),
              within: z.number().int().min(2).max(40),
            })
            .strict(),
        )
        .min(1)
        .optional(),
      /** Wording that must not count as a reason (e.g. the standard ERISA notice sentences); it is masked first. */
      boilerplate: z.boolean().optional(),
      /**
       * A generic frame ("not covered", "cannot approve"): it counts only in a sentence where no specific
       * reason is found, so "is not covered because the surgeon is not in the network" reads as out of network.
       */
      frame: z.boolean().optional(),
      /**
       * It counts only outside a negation's scope: "is medically necessary" affirms, "does not support that
       * it was medically necessary" does not.
       */
      affirmedOnly: z.boolean().optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine((row, ctx) => {
      if (row.category === null && row.weight !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['weight'],
          message: 'a signal row (category null) has weight 0',
        });
      }
      if (row.boilerplate && row.category !== null) {
        ctx.addIssue({ code: 'custom', path: ['category'], message: 'a boilerplate row has category null' });
      }
      if (row.category !== null && row.weight === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['weight'],
          message: 'a phrase row with a category needs a weight of 1 to 3',
        });
      }
      if (!row.phrases && !row.near) {
        ctx.addIssue({ code: 'custom', path: [], message: 'a phrase row needs `phrases`, `near`, or both' });
      }
      row.phrases?.forEach((phrase, index) => {
        if (tokenize(phrase).length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['phrases', index],
            message: 'the phrase has no words (letters or digits)',
          });
        }
      });
      row.near?.forEach((pattern, patternIndex) => {
        pattern.terms.forEach((term, termIndex) => {
          term.forEach((phrase, index) => {
            const words = tokenize(phrase).length;
            if (words === 0 || words > pattern.within) {
              ctx.addIssue({
                code: 'custom',
                path: ['near', patternIndex, 'terms', termIndex, index],
                message:
                  words === 0
                    ? 'the phrase has no words (letters or digits)'
                    : 'the phrase is longer than `within`',
              });
            }
          });
        });
      });
      if (row.boilerplate && row.near) {
        ctx.addIssue({
          code: 'custom',
          path: ['near'],
          message: 'boilerplate is masked by exact phrases only',
        });
      }
    }),
);

export type PhraseRow = z.infer<typeof phraseRowSchema>;

export const phraseTableSchema = lazySchema(() =>
  tableFileSchema('phrase-table', phraseRowSchema, (rows, ctx) => {
    // A wording may point to one category only; signal rows are a separate dimension and may repeat it.
    const phrases = new Map<string, string>();
    rows.forEach((row, index) => {
      row.phrases?.forEach((phrase, phraseIndex) => {
        const key = `${row.category === null ? row.id : 'category'}:${tokenize(phrase).join(' ')}`;
        const owner = phrases.get(key);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'phrases', phraseIndex],
            message: `phrase "${phrase}" is also listed in ${owner}; list each wording once`,
          });
        }
        phrases.set(key, row.id);
      });
    });
  }),
);

// ---------------------------------------------------------------------------------------------------
// Decision rules (json-rules-engine format)

/** The facts classification rules can test. Names and types are checked when a rule set loads. */
export const CLASSIFICATION_FACTS = {
  stage: {
    type: 'string',
    values: [...DENIAL_STAGES, 'unspecified'],
    description: 'where the denial happened (input `stage`), or unspecified',
  },
  planType: {
    type: 'string',
    values: [...PLAN_TYPES, 'unspecified'],
    description: 'the kind of coverage, or unspecified',
  },
  carcCodes: {
    type: 'string[]',
    description: 'CARCs in the input that the rule set knows, without group code ("50")',
  },
  rarcCodes: { type: 'string[]', description: 'RARCs in the input that the rule set knows ("N115")' },
  groupCodes: {
    type: 'string[]',
    values: GROUP_CODES,
    description: 'group codes printed with the CARCs (CO, PR, …)',
  },
  codeCategories: {
    type: 'string[]',
    values: KNOWN_CATEGORIES,
    description: 'categories the codes point to',
  },
  phraseCategories: {
    type: 'string[]',
    values: KNOWN_CATEGORIES,
    description: 'categories the letter wording points to',
  },
  reasonCategories: {
    type: 'string[]',
    values: KNOWN_CATEGORIES,
    description:
      'categories the letter wording points to by a specific reason, not only by a generic frame ("not covered", "workers\' compensation")',
  },
  phraseIds: { type: 'string[]', description: 'ids of the phrase rows found in the text (signals included)' },
  clinicalSignal: {
    type: 'boolean',
    description: 'whether any code or phrase points to a clinical category',
  },
  hasCodes: { type: 'boolean', description: 'whether the input has codes, given or quoted in its text' },
  hasText: { type: 'boolean', description: 'whether the input has text' },
  modelCategory: {
    type: 'string',
    values: [...KNOWN_CATEGORIES, 'none'],
    description:
      "the text model's category for the wording, or none (no text, no model, or no clear reading)",
  },
  modelStrength: {
    type: 'string',
    values: ['strong', 'weak', 'none'],
    description: "how clearly the text model reads the wording (see the model's thresholds)",
  },
  hasReason: {
    type: 'boolean',
    description:
      'whether a code or a specific phrase row names a category (a generic frame such as "not covered" or a signal does not)',
  },
} as const satisfies Record<string, FactDefinition>;

export type ClassificationFacts = {
  stage: string;
  planType: string;
  carcCodes: string[];
  rarcCodes: string[];
  groupCodes: string[];
  codeCategories: string[];
  phraseCategories: string[];
  reasonCategories: string[];
  phraseIds: string[];
  clinicalSignal: boolean;
  hasCodes: boolean;
  hasText: boolean;
  modelCategory: string;
  modelStrength: string;
  hasReason: boolean;
};

const classificationEventSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('adjust'),
        params: z.object({ category: categorySchema, points: z.number().int().min(-20).max(20) }).strict(),
      })
      .strict(),
    z
      .object({
        type: z.literal('flag'),
        params: z
          .object({
            category: categorySchema,
            secondOpinionHelps: z.boolean().optional(),
            externalReviewEligible: z.boolean().optional(),
            message: z.string().min(1).optional(),
          })
          .strict(),
      })
      .strict(),
    z.object({ type: z.literal('warn'), params: z.object({ message: z.string().min(1) }).strict() }).strict(),
  ]),
);

/** What a classification rule does when it fires: move a score, set a flag, or add a warning. */
export type ClassificationEvent = z.infer<typeof classificationEventSchema>;

export const decisionFileSchema = lazySchema(() =>
  decisionRuleFileSchema(CLASSIFICATION_FACTS, classificationEventSchema),
);

// ---------------------------------------------------------------------------------------------------
// Compiled form

/** The classification domain of a rule set, validated and indexed once. */
export interface ClassificationRules {
  carc: ReadonlyMap<string, CodeRow>;
  rarc: ReadonlyMap<string, CodeRow>;
  decisionRules: readonly DecisionRule<ClassificationEvent>[];
  decisions: readonly CompiledRule<ClassificationEvent>[];
  /** The same rules, indexed by the value each needs (the compiled engine tests only those that can fire). */
  decisionIndex: IndexedRules<ClassificationEvent>;
  /**
   * What reads a letter, built on the first text: codes alone never need it. A caller's rule set has it built
   * when it compiles (so every problem shows then); the bundled one, proven by the test suite, when a text is
   * first read (reading the phrase rows and restoring their automaton made a first code-only classification
   * in a fresh process take about 20 ms instead of 4).
   */
  reader: () => TextReader;
  /** The trained text model, when the rule set has one. */
  model?: TextModel;
}

/** The phrase rows compiled for reading a letter. */
export interface TextReader {
  phraseRows: readonly PhraseRow[];
  /** One automaton for every wording: boilerplate, phrase rows and the terms of proximity patterns. */
  text: PhraseMatcher<TextPayload>;
  /** The normaliser's word ids as the automaton's. */
  textIds: IdTranslation;
  /** The proximity patterns, each with the row it belongs to, and their windows indexed. */
  nearPatterns: readonly NearPattern[];
  near: ProximityIndex;
  /** Case, punctuation, shorthand, stems and negation: every text and phrase goes through it. */
  normalizer: TextNormalizer;
  /** What each of the automaton's entries is, as arrays by entry: made on the first letter read. */
  wordings: () => WordingTable;
}

/** {@link WordingTable.kind}: what an automaton entry stands for. */
export const WORDING_BOILERPLATE = 0;
export const WORDING_PHRASE = 1;
export const WORDING_TERM = 2;
/** {@link WordingTable.kind} of a phrase row's wording that reads only where it is not negated (`affirmedOnly`). */
export const WORDING_AFFIRMED_PHRASE = 3;

/**
 * The automaton's entries ({@link PhraseMatcher.forEachEntryMatch}) as numbers by entry: what each stands for
 * (WORDING_…), and a proximity term's pattern and place. Reading a letter looks these up for each of its thousands
 * of occurrences instead of following a pointer to the entry's payload object (a 10,000-character letter about 2%
 * faster, the fixtures about 3%, paired).
 */
export interface WordingTable {
  kind: Int8Array;
  pattern: Int32Array;
  term: Int32Array;
  /**
   * The rows numbered (0 to `rowCategory.length` − 1), so that a reading can mark them in an array rather than a Set
   * per letter: each phrase entry's row, each proximity pattern's, and each row's category as a bit (0 for none).
   */
  entryRow: Int32Array;
  patternRow: Int32Array;
  rowCategory: Int32Array;
}

function wordingTableOf(
  text: PhraseMatcher<TextPayload>,
  rows: readonly PhraseRow[],
  nearPatterns: readonly NearPattern[],
): WordingTable {
  // Plain loops over plain arrays: this runs once, on the first letter, before V8 optimises it (a call and a Map
  // probe per entry took 1.8 ms there).
  const payloads = text.entryPayloads;
  const count = payloads.length;
  const kind = new Int8Array(count);
  const pattern = new Int32Array(count);
  const term = new Int32Array(count);
  const entryRow = new Int32Array(count).fill(-1);
  for (let entry = 0; entry < count; entry++) {
    const payload = payloads[entry] as TextPayload;
    if (payload.kind === 'boilerplate') kind[entry] = WORDING_BOILERPLATE;
    else if (payload.kind === 'phrase') {
      kind[entry] = payload.row.affirmedOnly ? WORDING_AFFIRMED_PHRASE : WORDING_PHRASE;
      entryRow[entry] = payload.rowIndex;
    } else {
      kind[entry] = WORDING_TERM;
      pattern[entry] = payload.pattern;
      term[entry] = payload.term;
    }
  }
  const patternRow = new Int32Array(nearPatterns.length);
  for (let at = 0; at < nearPatterns.length; at++)
    patternRow[at] = (nearPatterns[at] as NearPattern).rowIndex;
  // Categories numbered as first met: the schema allows the nineteen of DENIAL_CATEGORIES, a bit each in 31.
  const categoryBit = new Map<string, number>();
  const rowCategory = new Int32Array(rows.length);
  for (let at = 0; at < rows.length; at++) {
    const category = (rows[at] as PhraseRow).category;
    if (!category) continue;
    let bit = categoryBit.get(category);
    if (bit === undefined) {
      bit = 1 << categoryBit.size;
      categoryBit.set(category, bit);
    }
    rowCategory[at] = bit;
  }
  return { kind, pattern, term, entryRow, patternRow, rowCategory };
}

export interface ClassificationFiles {
  carc: string;
  rarc: string;
  phrases: string;
  decisions: string;
  abbreviations?: string | undefined;
  model?: string | undefined;
}

/** Validates and compiles the classification files; records every problem in `collector`. */
export function compileClassification(
  files: ClassificationFiles,
  read: (path: string) => unknown,
  collector: IssueCollector,
  /**
   * The phrase automaton already built ({@link phraseAutomaton}): only for the bundled rule set, made by the build.
   * Given as a function, it is read with the phrase rows, on the first text: codes alone never parse it.
   */
  automaton?: PhraseAutomatonParts | (() => PhraseAutomatonParts | undefined),
  /**
   * The code tables' rows by code, read row by row from the bundled files (`LazyRowMap`): only for the bundled rule
   * set, proven by the test suite, whose files are then not read here.
   */
  codeTables?: { carc: ReadonlyMap<string, CodeRow>; rarc: ReadonlyMap<string, CodeRow> },
): ClassificationRules | undefined {
  const carc = codeTables ? undefined : collector.parseFile(files.carc, codeTableSchema, read(files.carc));
  const rarc = codeTables ? undefined : collector.parseFile(files.rarc, codeTableSchema, read(files.rarc));
  const decisions = collector.parseFile(files.decisions, decisionFileSchema, read(files.decisions));
  // Trusted (bundled) files were proven by the test suite, their references too: read on the first text.
  const readPhrases = () => collector.parseFile(files.phrases, phraseTableSchema, read(files.phrases));
  const readAbbreviations = () =>
    files.abbreviations
      ? collector.parseFile(files.abbreviations, abbreviationTableSchema, read(files.abbreviations))
      : { rows: [] };
  const trusted = !collector.checksFiles;
  const automatonOf = () => (typeof automaton === 'function' ? automaton() : automaton);
  const phrases = trusted ? undefined : readPhrases();
  const abbreviations = trusted ? undefined : readAbbreviations();
  // A trusted (bundled) model is read on first use (TextModel); a caller's is validated now, with the rest.
  const modelFile = files.model;
  const model =
    modelFile && trusted
      ? () => read(modelFile) as TextModelFile
      : modelFile
        ? collector.parseFile(modelFile, textModelFileSchema, read(modelFile))
        : undefined;
  if (carc && carc.codeSystem !== 'CARC')
    collector.add({ file: files.carc, path: ['codeSystem'], message: 'expected the CARC table' });
  if (rarc && rarc.codeSystem !== 'RARC')
    collector.add({ file: files.rarc, path: ['codeSystem'], message: 'expected the RARC table' });
  if ((!codeTables && (!carc || !rarc)) || !decisions || (files.model && !model)) return undefined;
  if (!trusted && (!phrases || !abbreviations)) return undefined;

  const rules = decisions.rules as DecisionRule<ClassificationEvent>[];
  if (phrases && carc && rarc) {
    checkReferences(rules, files.decisions, collector, {
      carcCodes: new Set(carc.rows.map((row) => row.code)),
      rarcCodes: new Set(rarc.rows.map((row) => row.code)),
      phraseIds: new Set(phrases.rows.map((row) => row.id)),
    });
  }
  // A caller's phrases are compiled now, with the rest; trusted ones (which parse as they are) on the first text.
  let reader =
    phrases && abbreviations ? compileReader(phrases.rows, abbreviations.rows, automatonOf()) : undefined;
  const readerOf = () => {
    if (!reader) {
      const latePhrases = readPhrases();
      const lateAbbreviations = readAbbreviations();
      // A trusted file that is missing is a broken package: say so rather than read letters without phrases.
      collector.throwIfAny();
      reader = compileReader(
        (latePhrases as NonNullable<typeof latePhrases>).rows,
        (lateAbbreviations as NonNullable<typeof lateAbbreviations>).rows,
        automatonOf(),
      );
    }
    return reader;
  };
  const compiled = compileRules(rules);
  return {
    carc: codeTables?.carc ?? new Map((carc as CodeTable).rows.map((row) => [row.code, row])),
    rarc: codeTables?.rarc ?? new Map((rarc as CodeTable).rows.map((row) => [row.code, row])),
    decisionRules: rules,
    decisions: compiled,
    decisionIndex: indexRules(compiled),
    reader: readerOf,
    ...(model ? { model: new TextModel(model) } : {}),
  };
}

function compileReader(
  phraseRows: readonly PhraseRow[],
  abbreviations: readonly AbbreviationRow[],
  automaton: PhraseAutomatonParts | undefined,
): TextReader {
  const normalizer = createDenialNormalizer(abbreviations);
  const text = compileText(phraseRows, normalizer, automaton);
  let wordings: WordingTable | undefined;
  return {
    phraseRows,
    ...text,
    textIds: new IdTranslation(normalizer, (stem) => text.text.wordId(stem)),
    normalizer,
    wordings: () => {
      wordings ??= wordingTableOf(text.text, phraseRows, text.nearPatterns);
      return wordings;
    },
  };
}

/** What a wording found in a letter is: boilerplate to mask, a phrase row, or a term of a proximity pattern. */
export type TextPayload =
  | { kind: 'boilerplate' }
  | { kind: 'phrase'; row: PhraseRow; phrase: string; rowIndex: number }
  | TermPayload;

/** A proximity pattern of a phrase row. */
export interface NearPattern {
  row: PhraseRow;
  /** The row's place among the rows. */
  rowIndex: number;
  index: number;
  terms: readonly (readonly string[])[];
  within: number;
}

/**
 * Phrases are matched on the normalised words, so each is normalised the same way as the letter: a
 * phrase written "not medically necessary" finds "Not Medically Necessary", "NOT MED NEC" (through the
 * shorthand table) and "not medically-necessary services". `automaton`, when given, is the automaton of those
 * normalised phrases already built ({@link phraseAutomaton}, at build time for the bundled rule set):
 * normalising five thousand phrases and building their automaton were most of a first call.
 */
function compileText(
  rows: readonly PhraseRow[],
  normalizer: TextNormalizer,
  automaton?: PhraseAutomatonParts,
): {
  text: PhraseMatcher<TextPayload>;
  nearPatterns: NearPattern[];
  near: ProximityIndex;
} {
  const nearPatterns = nearPatternsOf(rows);
  const wordings = wordingsOf(rows, nearPatterns);
  const near = new ProximityIndex(nearPatterns);
  // An automaton built for other rows (a caller's edited copy of the bundled set) would misalign: build then.
  if (automaton?.entries === wordings.length)
    return { text: new PhraseMatcher(wordings, automaton), nearPatterns, near };
  const entries = wordings.map(({ phrase, payload }) => ({
    phrase: normalizer.normalizePhrase(phrase).join(' '),
    payload,
  }));
  return { text: new PhraseMatcher(entries), nearPatterns, near };
}

function nearPatternsOf(rows: readonly PhraseRow[]): NearPattern[] {
  return rows.flatMap((row, rowIndex) =>
    (row.near ?? []).map((pattern, index) => ({ row, rowIndex, index, ...pattern })),
  );
}

/** Every wording the automaton looks for, as written, with what it stands for: the rows' phrases, then the terms of their proximity patterns. */
function wordingsOf(
  rows: readonly PhraseRow[],
  nearPatterns: readonly NearPattern[],
): { phrase: string; payload: TextPayload }[] {
  // Plain loops, one object a wording: this runs once per rule set, on a first call, before V8 optimises it,
  // where flatMap's closures and a spread per term took 3.5 to 5.7 ms for the bundled set's 6,600 wordings
  // (about 2 ms now).
  const wordings: { phrase: string; payload: TextPayload }[] = [];
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const row = rows[rowIndex] as PhraseRow;
    for (const phrase of row.phrases ?? [])
      wordings.push({
        phrase,
        payload: row.boilerplate ? BOILERPLATE : { kind: 'phrase', row, phrase, rowIndex },
      });
  }
  for (const entry of termEntries(nearPatterns)) wordings.push(entry);
  return wordings;
}

/** Every boilerplate wording stands for the same thing. */
const BOILERPLATE: TextPayload = { kind: 'boilerplate' };

/**
 * Every phrase of the rows, and every term of their proximity patterns, as normalised words joined by
 * spaces, in the order the phrase automaton takes them.
 *
 * @example
 * ```ts
 * phraseForms([{ id: 'p', category: 'medical_necessity', weight: 3, phrases: ['Services not covered'] }], normalizer);
 * // ['servic not cover']
 * ```
 */
export function phraseForms(rows: readonly PhraseRow[], normalizer: TextNormalizer): string[] {
  return wordingsOf(rows, nearPatternsOf(rows)).map(({ phrase }) =>
    normalizer.normalizePhrase(phrase).join(' '),
  );
}

/**
 * The phrase automaton of the rows ({@link phraseForms}) as plain arrays: what the build computes once for the
 * bundled rule set, so that its first classification restores the automaton instead of building it.
 *
 * @example
 * ```ts
 * phraseAutomaton(rows, normalizer).entries; // every phrase and proximity term of the rows
 * ```
 */
export function phraseAutomaton(
  rows: readonly PhraseRow[],
  normalizer: TextNormalizer,
): PhraseAutomatonParts {
  return new PhraseMatcher(
    phraseForms(rows, normalizer).map((phrase) => ({ phrase, payload: null })),
  ).parts();
}

/** A rule that tests for a code or phrase row the tables do not have could never fire: refuse it. */
function checkReferences(
  rules: readonly DecisionRule<ClassificationEvent>[],
  file: string,
  collector: IssueCollector,
  known: Record<'carcCodes' | 'rarcCodes' | 'phraseIds', Set<string>>,
) {
  rules.forEach((rule, index) => {
    walk(rule.conditions as unknown, ['rules', index, 'conditions'], (leaf, path) => {
      const set = known[leaf.fact as keyof typeof known];
      if (set && typeof leaf.value === 'string' && !set.has(leaf.value)) {
        collector.add({
          file,
          ruleId: rule.id,
          path: [...path, 'value'],
          message: `"${leaf.value}" is not in the rule set's ${leaf.fact === 'phraseIds' ? 'phrase table' : 'code tables'}`,
        });
      }
    });
  });
}

function walk(
  node: unknown,
  path: (string | number)[],
  visit: (leaf: { fact: string; value: unknown }, path: (string | number)[]) => void,
) {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.fact === 'string') {
    visit(record as { fact: string; value: unknown }, path);
    return;
  }
  for (const key of ['all', 'any'] as const) {
    const list = record[key];
    if (Array.isArray(list)) {
      list.forEach((child, index) => {
        walk(child, [...path, key, index], visit);
      });
    }
  }
  if (record.not) walk(record.not, [...path, 'not'], visit);
}
