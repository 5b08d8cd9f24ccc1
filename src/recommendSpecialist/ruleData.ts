import * as z from 'zod';
import { builtOnce, lazySchema } from '../_lib/lazySchema.js';
import { PhraseMatcher, tokenize } from '../engine/phraseMatcher.js';
import {
  checkEffectiveRange,
  isInEffect,
  nonConfirmedNeedsWarning,
  provenanceShape,
} from '../engine/provenance.js';
import type { IssueCollector } from '../engine/ruleSet.js';
import { editorSchemaShape } from '../engine/tables.js';
import type { OverturnIssue } from '../errors.js';
import { DENIAL_CATEGORIES, type DenialCategory } from '../types.js';
import {
  ConditionIndex,
  type ConditionIndexFile,
  conditionIndexFileSchema,
  type IndexRow,
  indexRows,
} from './conditionIndex.js';
import { type Icd10Code, ordinal, parseIcd10, rangeEnd, rangeHolds } from './icd10.js';
import { codeFamily, PROCEDURE_CODE, ProcedureCodeIndex } from './procedureCodes.js';
import {
  alternativeSchema,
  checkBounds,
  checkRows,
  confidence,
  icd10Bound,
  nuccCode,
  phrase,
  reference,
  uniqueIds,
} from './ruleShapes.js';
import { CLAIM_TYPES, type ClaimType } from './types.js';

// ---------------------------------------------------------------------------------------------------
// specialties.json: the NUCC codes the rule set routes to

const specialtyRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      code: nuccCode,
      /** The NUCC display name. */
      name: z.string().min(2).max(120),
      /** What a patient calls this doctor: `cardiologist`. */
      plainName: z.string().min(2).max(80),
      board: z
        .object({
          name: z.string().min(3).max(160),
          /** Whether the board (and its certificate) is backed by the board's or ABMS's own pages. */
          status: z.enum(['confirmed', 'unconfirmed']),
          /** Whether the board is an ABMS member board. */
          abms: z.boolean(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange),
);

export type SpecialtyRow = z.infer<typeof specialtyRowSchema>;

export const specialtiesFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('specialty-table'),
      codeSystem: z.literal('NUCC Health Care Provider Taxonomy'),
      codeSetVersion: z.string().min(1),
      /** The NUCC/AMA notice that must travel with the codes. */
      notice: z.string().min(40),
      description: z.string().optional(),
      rows: z.array(specialtyRowSchema).min(1),
    })
    .strict()
    .superRefine(checkRows)
    .superRefine((file, ctx) => {
      const codes = new Set<string>();
      file.rows.forEach((row, index) => {
        if (codes.has(row.code))
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'code'],
            message: `duplicate code ${row.code}`,
          });
        codes.add(row.code);
      });
    }),
);

// ---------------------------------------------------------------------------------------------------
// areas.json: condition areas, each with its specialists, ICD-10-CM ranges and plain-language phrases

const rangeShape = builtOnce(() => ({
  ...provenanceShape(),
  /** First code of the range (`I20`, `D01.0`). */
  from: icd10Bound,
  /** Last code of the range; every code that starts with it is inside. Absent: the range is `from` alone. */
  to: icd10Bound.optional(),
  title: z.string().min(2).max(160),
}));

const rangeRowSchema = lazySchema(() =>
  z
    .object({
      ...rangeShape(),
      /** Replaces the area's specialty for codes in this range (transplant: the organ's specialist). */
      specialty: nuccCode.optional(),
      /** Replaces the area's preferred subspecialty (I44–I49: cardiac electrophysiology). */
      subspecialty: nuccCode.optional(),
      /**
       * The range's subspecialist treats children too (an orthodontist for malocclusion), so a child keeps it
       * instead of the area's pediatric subspecialist.
       */
      subspecialtyForChildren: z.boolean().optional(),
      /**
       * For a child, replaces the area's pediatric subspecialty (a child's migraine: the child neurologist, though
       * the area of pain has no pediatric subspecialty of its own).
       */
      pediatricSubspecialty: nuccCode.optional(),
      /** Listed before the area's alternatives. */
      alternatives: z.array(alternativeSchema).optional(),
      /**
       * The area's own alternatives do not fit this range, and only the range's are listed (a skin abscess is the
       * general surgeon's to drain, but not the gastroenterologist's, whom the area offers for digestive disease).
       */
      withoutAreaAlternatives: z.boolean().optional(),
      /** Listed before the area's guidelines. */
      guidelines: z.array(z.string().min(2).max(200)).optional(),
      /** Plain-language phrases that mean this range: they route like its codes. */
      phrases: z.array(phrase).optional(),
      /**
       * Words that, just before one of the range's phrases and in its clause, say the phrase means a narrower range
       * (`after`, `readAs`): after "benign", the neoplasm chapter's "tumor" is the benign neoplasms (D10–D36), not a
       * cancer. The phrase then reads as that range, or as the code inside it that the ICD-10-CM search finds for the
       * rest of its clause ("benign neoplasm of the ovary": D27, the gynecologist's).
       */
      qualifiers: z.array(z.object({ after: z.array(phrase).min(1), readAs: reference }).strict()).optional(),
      /** A condition of childhood: without an age, the patient is taken to be a child (bronchiolitis, cleft palate). */
      pediatric: z.boolean().optional(),
      /**
       * A condition present from birth or early childhood (cerebral palsy, a congenital malformation): an adult
       * can have it, but it never says older adult (`olderFromConditions`).
       */
      lifelong: z.boolean().optional(),
      /**
       * The youngest age (in whole years) that can have a condition of this range: a patient whose given age is
       * below it is not read as having it (a pregnancy's conditions for a baby: CMS's Medicare Code Editor takes
       * maternity diagnoses at ages 9 to 64), and the words are searched for another condition instead.
       */
      minimumAge: z.number().int().min(1).max(124).optional(),
      /**
       * For a patient whose age is given and is not a child's, the area that judges the condition instead (an adult
       * with autism: the psychiatrist, not the developmental pediatrician). Without an age the range's own area
       * answers.
       */
      adultArea: reference.optional(),
      /** How well the range alone identifies the specialist (default `high`; chapter catch-alls lower). */
      confidence: confidence.optional(),
      /** Told to the reader whenever this range routes the answer. */
      warning: z.string().min(10).max(600).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(checkBounds),
);

export type RangeRow = z.infer<typeof rangeRowSchema>;

const areaRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      name: z.string().min(2).max(120),
      specialty: nuccCode,
      subspecialty: nuccCode.optional(),
      /** Preferred for a patient under 18, instead of `subspecialty`. */
      pediatricSubspecialty: nuccCode.optional(),
      /** Preferred for an older patient (see `olderAdults` in context.json), instead of `subspecialty`. */
      geriatricSubspecialty: nuccCode.optional(),
      /** For a patient under 18 the area itself changes (cancer → pediatric cancer). */
      pediatricArea: reference.optional(),
      alternatives: z.array(alternativeSchema),
      /** The surgical specialty that operates on this area's conditions, added when a procedure is disputed. */
      surgical: nuccCode.optional(),
      /**
       * An operation overturn does not know by name ("surgery to remove the tumor") on this area's condition is the
       * `surgical` specialist's to judge, for an adult: the preferred subspecialist, not only an alternative. For areas
       * whose one surgeon operates on all their conditions (the cancers), not for those with several (digestive
       * diseases: a gallbladder is not the colorectal surgeon's).
       */
      surgeonJudgesOperations: z.boolean().optional(),
      /**
       * The area's conditions are symptoms people name before their cause ("back pain from multiple myeloma",
       * "headaches caused by a brain tumor"): a disease of one of these areas, found by a range's phrase right after
       * a word of cause, routes instead, as the cause is what the second opinion judges. Only areas whose specialist
       * treats the cause itself: not a trait or a risk ("obesity", "diabetes"), a syndrome whose pain another
       * manages, or a mood ("migraines due to anxiety").
       */
      yieldsToNamedCause: z.array(reference).optional(),
      guidelines: z.array(z.string().min(2).max(200)),
      phrases: z.array(phrase),
      /**
       * The area's own phrases say how an injury came about ("work injury"), not what is injured: a condition
       * found only by them routes only when neither another condition nor a treatment names a specialist.
       */
      contextPhrases: z.boolean().optional(),
      /**
       * Areas of the same specialty whose subspecialist judges this area's treatments for their conditions: for an
       * adult, rehabilitation's power wheelchair or attendant care for a quadriplegic is the spinal cord injury
       * physician's (`spinal-cord-injury`), not any physiatrist's; the treatment keeps this area and its alternatives.
       */
      subspecialistAreas: z.array(reference).optional(),
      /**
       * The area is children's care (general pediatrics): for a patient whose given age says adult, a treatment
       * that yields to it does not (an adult's occupational therapy for a developmental delay is the physiatrist's),
       * and each of its ranges must name the area that judges an adult (`adultArea`).
       */
      childrenOnly: z.boolean().optional(),
      /**
       * Its conditions are present from birth (genetic syndromes): an adult can have them, but they never say
       * older adult (`olderFromConditions`), as a range's `lifelong`.
       */
      lifelong: z.boolean().optional(),
      /**
       * Phrases that name only the area's field, as regulators write a category before the diagnosis ("Skin
       * Disorders - Cellulitis"): a condition found by one routes only when the text names no other condition.
       */
      fieldPhrases: z.array(phrase).optional(),
      /** Ids from the avoid table that apply in this area. */
      avoid: z.array(reference).optional(),
      ranges: z.array(rangeRowSchema),
    })
    .strict()
    .superRefine(checkEffectiveRange),
);

export type AreaRow = z.infer<typeof areaRowSchema>;

const secondaryRowSchema = lazySchema(() =>
  z
    .object({
      ...rangeShape(),
      /** Why such a code never picks the specialist; `{code}` is replaced by the code. */
      warning: z.string().min(10).max(600),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(checkBounds),
);

export type SecondaryRow = z.infer<typeof secondaryRowSchema>;

export const areasFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('condition-areas'),
      description: z.string().optional(),
      rows: z.array(areaRowSchema).min(1),
      /** Ranges whose codes are never a principal diagnosis (V00–Y99, external causes). */
      secondaryOnly: z.array(secondaryRowSchema),
    })
    .strict()
    .superRefine(checkRows),
);

// ---------------------------------------------------------------------------------------------------
// procedures.json: procedures by plain name (no CPT descriptors) → the specialty that performs them

/** A range of procedure billing codes (`20000`–`29999`, `J9000`–`J9999`), written as the codes themselves. */
const procedureCodeRangeSchema = lazySchema(() => {
  const code = z
    .string()
    .regex(
      PROCEDURE_CODE,
      'a procedure code: five digits (27447), a letter and four digits (J9271) or four digits and a letter (0275T)',
    );
  return z
    .object({ from: code, to: code.optional() })
    .strict()
    .superRefine((range, ctx) => {
      if (range.to === undefined) return;
      if (codeFamily(range.to) !== codeFamily(range.from))
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'from and to are codes of the same shape and letter',
        });
      else if (range.to < range.from)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `${range.to} is before ${range.from}` });
    });
});

const procedureRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      name: z.string().min(2).max(120),
      /** The treatment's wordings; may be empty for a row read only by its billing codes (`codes`). */
      phrases: z.array(phrase),
      /**
       * Billing code ranges that name this treatment when the treatment field gives a code and no wording: a
       * section of the code set (surgery on bones and joints) whose performer is the peer. Only the codes'
       * numbers: no code's descriptor.
       */
      codes: z.array(procedureCodeRangeSchema).min(1).optional(),
      performedBy: nuccCode,
      /** The condition area to route to when nothing else names one. */
      area: reference,
      /**
       * For a child, the area this treatment routes to instead of `area`: home nursing or personal care for a
       * medically complex child is ordered and overseen by the pediatrician, not judged by the adult's physiatrist.
       */
      childArea: reference.optional(),
      /**
       * Condition areas (or ranges) for which a child keeps `area` all the same: a child's paralysis, brain injury
       * or neuromuscular disease is judged on function, the pediatric physiatrist's; a ventilator (Z99.1) keeps the
       * pediatric pulmonologist.
       */
      childAreaExceptFor: z.array(reference).min(1).optional(),
      /**
       * For a child whose conditions leave `childArea` in force (none in `childAreaExceptFor`), the treatment takes
       * the route from the condition: a medically complex child's home nursing is judged by the pediatrician who
       * oversees it, not by the specialist of whichever syndrome is named first. Needs `childArea`.
       */
      childDecides: z.literal(true).optional(),
      /** A range of that area whose specialists fit better (kidney transplant → Z94.0). */
      range: reference.optional(),
      /**
       * The specialty that performs or manages this treatment is the peer who judges whether it is needed
       * (radiation therapy, a wheelchair, a transplant): its area answers even when a code or a condition
       * names another, whose specialist becomes an alternative.
       */
      decides: z.boolean().optional(),
      /**
       * Condition areas that keep the route from a treatment that decides: an "inpatient rehabilitation" stay
       * for alcohol use disorder is an addiction treatment, judged by the condition's specialist.
       */
      yieldsTo: z.array(reference).min(1).optional(),
      /**
       * Condition areas (or ranges) over which a treatment that does not otherwise decide takes the route: a cancer
       * drug for a melanoma or a head and neck cancer is the medical oncologist's to judge, though the skin's or the
       * throat's specialist treats the condition otherwise; tafamidis for amyloidosis (`icd10.E85`) the cardiologist's.
       */
      decidesOver: z.array(reference).min(1).optional(),
      /**
       * Named first, decides before a treatment of the condition's own area named with it: an emergency visit's or an
       * ambulance's dispute is whether it was an emergency (the prudent layperson standard), whatever was done in
       * it ("emergency department fee (incision and drainage)" for an abscess is the emergency physician's).
       */
      outranksAreaTreatment: z.boolean().optional(),
      /**
       * The treatment keeps the diagnosis's range when the diagnosis is in the treatment's own area: the range's
       * subspecialist and alternatives (psychiatric treatment of an opioid use disorder: the addiction psychiatrist).
       */
      keepsDiagnosisRange: z.boolean().optional(),
      /** The row names drugs: its specialty prescribes them rather than performs them. */
      drug: z.boolean().optional(),
      /**
       * A treatment several areas give (a stent in any artery, home nursing, a colectomy for a cancer or a colitis):
       * its `area` is only where it routes alone, so it does not choose among the conditions named with it.
       */
      sharedByAreas: z.boolean().optional(),
      /**
       * Its performer treats children too (an oral surgeon's jaw surgery): when it routes for a child, the
       * performer is the subspecialist, not the area's pediatric one.
       */
      performerTreatsChildren: z.boolean().optional(),
      /**
       * Its performer is the one to judge it (a speech-language pathologist for speech therapy): when it is
       * the treatment in dispute for an adult, the performer is the preferred subspecialist under whatever
       * specialty the route gives. A child keeps the area's pediatric subspecialist (a developmental
       * pediatrician for a child's speech delay), with the performer as an alternative; where the route gives a
       * child none outside children's care, a performer that also treats children (`performerTreatsChildren`)
       * is the child's subspecialist too.
       */
      performerPreferred: z.boolean().optional(),
      /**
       * A treatment given to children (growth hormone, a cranial helmet): without an age, the patient is a child;
       * with a given adult age it does not decide (an adult's stated age keeps an infant's RSV product from
       * routing to the neonatologist).
       */
      pediatric: z.boolean().optional(),
      /**
       * A treatment of adults whose performer does not treat children (a geriatrician for a nursing-home stay):
       * for a child it neither decides nor brings its performer as an alternative; the condition routes.
       */
      adultsOnly: z.boolean().optional(),
      /**
       * A treatment whose performer is the older adult's (a geriatrician for a nursing-home stay): for a given age
       * under the older-adult age (`olderAdults.ageAtLeast`) with a diagnosis named (a code, or a condition the rules
       * list, not a search's guess) it neither decides nor adds its performer, and that diagnosis routes (a
       * 24-year-old's long-term psychiatric care, a 40-year-old's home nursing after a spinal cord injury). Without
       * an age it holds: most who need such care are older.
       */
      olderAdultsOnly: z.boolean().optional(),
      /**
       * Without an age, this many conditions from different areas named at once, none of them a childhood one,
       * say older adult (personal care for heart failure, a stroke and osteoporosis): several chronic conditions
       * together are the ground of geriatric medicine.
       */
      olderFromConditions: z.number().int().min(2).optional(),
      alternatives: z.array(alternativeSchema).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine((row, ctx) => {
      if (row.phrases.length === 0 && row.codes === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['phrases'],
          message: 'a treatment is read by its phrases, its codes or both',
        });
    }),
);

export type ProcedureRow = z.infer<typeof procedureRowSchema>;

export const proceduresFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('procedure-table'),
      description: z.string().optional(),
      rows: z.array(procedureRowSchema),
    })
    .strict()
    .superRefine(checkRows),
);

// ---------------------------------------------------------------------------------------------------
// context.json: requirements, pitfalls, claim types, denial categories and the fallback

const noteRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      text: z.string().min(10).max(600),
      /** Part of every answer (otherwise only when an area or a context rule names it). */
      always: z.boolean(),
      /** Left out when the recommended specialty is one of these (no "avoid a generalist" beside an internist). */
      unlessSpecialty: z.array(nuccCode).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange),
);

export type NoteRow = z.infer<typeof noteRowSchema>;

const areaRuleSchema = lazySchema(() =>
  z
    .object({
      /** The areas the rule applies to. */
      areas: z.array(reference).min(1),
      /** Route to this area instead. */
      toArea: reference.optional(),
      alternatives: z.array(alternativeSchema).optional(),
    })
    .strict(),
);

const contextShape = builtOnce(() => ({
  ...provenanceShape(),
  areaRules: z.array(areaRuleSchema).optional(),
  /** Added in every area except the rule's own `defaultArea`. */
  alternatives: z.array(alternativeSchema).optional(),
  /** Taken out of the alternatives (a psychologist when the psychiatric diagnosis is contested). */
  removeAlternatives: z.array(nuccCode).optional(),
  requirements: z.array(reference).optional(),
  avoid: z.array(reference).optional(),
  /** A sentence for the rationale. */
  rationale: z.string().min(10).max(800).optional(),
  warning: z.string().min(10).max(600).optional(),
}));

const claimTypeRowSchema = lazySchema(() =>
  z
    .object({
      ...contextShape(),
      claimType: z.enum(CLAIM_TYPES),
      /** The area to route to when no code, condition or procedure names one. */
      defaultArea: reference.optional(),
      /** Told when nothing names a condition and there is no default area. */
      missingConditionWarning: z.string().min(10).max(600).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning),
);

export type ClaimTypeRow = z.infer<typeof claimTypeRowSchema>;

const categoryRowSchema = lazySchema(() =>
  z
    .object({
      ...contextShape(),
      categories: z.array(z.enum(DENIAL_CATEGORIES)).min(1),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning),
);

export type CategoryRow = z.infer<typeof categoryRowSchema>;

const fallbackRowSchema = lazySchema(() =>
  z.object({ ...provenanceShape(), area: reference, warning: z.string().min(10).max(600) }).strict(),
);

export type FallbackRow = z.infer<typeof fallbackRowSchema>;

/** Words that say who the patient is when no age is given: one word or a pair, matched word by word. */
const signWords = () =>
  z.array(
    phrase.refine((value) => tokenize(value).length <= 2, {
      message: 'one word or two (the condition is matched word by word, and by pairs of words)',
    }),
  );

const childrenRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      /** Below this age (in whole years) the pediatric subspecialist or area is preferred. */
      ageBelow: z.number().int().min(1).max(30),
      /** Added when the area names no pediatric subspecialist. */
      alternative: alternativeSchema,
      /**
       * Without an age, any of these words in the condition means a child ("my baby", "a teenager"), or a
       * pair of words where neither says it alone ("young son").
       */
      words: signWords().optional(),
      /**
       * Without an age or a word of childhood, any of these words in the condition ("premature birth") keeps
       * the perinatal chapter (P00–P96) in the ICD-10-CM search; otherwise it is left out for an adult. Not
       * child words: "premature labor" is the mother's.
       */
      perinatalWords: signWords().optional(),
      /**
       * Without an age, any of these words in the condition ("an adult with cryptorchidism") keeps a condition of
       * childhood (a range's `pediatric`) from saying child; a stated adult age ("a 30 year old") does too.
       */
      adultWords: signWords().optional(),
      /**
       * From this given age a condition of the perinatal period (ICD-10-CM P00–P96: "born prematurely") is the
       * patient's history: the conditions named with it route first.
       */
      perinatalHistoryFromAge: z.number().int().min(1).max(18).optional(),
    })
    .strict(),
);

export type ChildrenRow = z.infer<typeof childrenRowSchema>;

const olderAdultsRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      /** From this age (in whole years) the area's geriatric subspecialist is preferred, where it has one. */
      ageAtLeast: z.number().int().min(50).max(100),
      /**
       * Without an age, any of these words in the condition or treatment means an older patient ("an elderly
       * woman"), or a pair of words where neither says it alone ("older man"). A sign of a child wins.
       */
      words: signWords().optional(),
      /**
       * The condition areas of the chronic diseases of age (heart, stroke, dementia, kidneys, lungs, joints and
       * bones, diabetes and glands, bladder, Parkinson's): a treatment's `olderFromConditions` counts only these.
       */
      conditionsOfAge: z.array(reference).min(1).optional(),
      /**
       * Words after which a list of conditions is not the patient's own, present ones ("denies", "ruled out",
       * "family history") or says young ("young", "student"): with any of them, the count does not say older.
       */
      notOlderWords: signWords().optional(),
    })
    .strict(),
);

export type OlderAdultsRow = z.infer<typeof olderAdultsRowSchema>;

const operationsRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      words: signWords(),
    })
    .strict(),
);

export const contextFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('routing-context'),
      description: z.string().optional(),
      requirements: z.array(noteRowSchema).min(1),
      avoid: z.array(noteRowSchema).min(1),
      claimTypes: z.array(claimTypeRowSchema),
      denialCategories: z.array(categoryRowSchema),
      fallback: fallbackRowSchema,
      children: childrenRowSchema,
      /** Optional: without it, age never picks a geriatric subspecialist. */
      olderAdults: olderAdultsRowSchema.optional(),
      /**
       * Words that say a treatment overturn does not read is an operation ("surgery", "repair"): only then is the
       * condition area's surgeon added as the specialty that performs it (a "flu shot" has no surgeon).
       */
      operations: operationsRowSchema.optional(),
    })
    .strict()
    .superRefine(uniqueIds('requirements'))
    .superRefine(uniqueIds('avoid'))
    .superRefine(uniqueIds('claimTypes'))
    .superRefine(uniqueIds('denialCategories'))
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.claimTypes.forEach((row, index) => {
        if (seen.has(row.claimType)) {
          ctx.addIssue({
            code: 'custom',
            path: ['claimTypes', index, 'claimType'],
            message: `${row.claimType} already has a row`,
          });
        }
        seen.add(row.claimType);
      });
    }),
);

// ---------------------------------------------------------------------------------------------------
// The compiled domain

/** Where a phrase or a code leads: an area, and the range within it when there is one. */
export interface Target {
  area: AreaRow;
  range?: RangeRow;
  /** Found by a phrase that names only the area's field (`fieldPhrases`): it yields to any other condition. */
  field?: true;
}

/** An ICD-10-CM code of the input and the range that routes it. */
export interface CodeHit {
  code: Icd10Code;
  target: Target & { range: RangeRow };
}

/** A phrase found in the input, with what it leads to. */
export interface PhraseHit<Payload> {
  phrase: string;
  payload: Payload;
}

/** A range of the index: an area's range, or a secondary-only one. */
export type IndexedRange =
  | { kind: 'area'; row: RangeRow; area: AreaRow }
  | { kind: 'secondary'; row: SecondaryRow };

interface Bounds {
  entry: IndexedRange;
  from: string;
  end: string;
  depth: number;
  span: number;
}

/**
 * The ICD-10-CM ranges cut into elementary segments once, at load: within a segment the same ranges
 * apply, so a lookup is one binary search and the most specific range is already chosen.
 *
 * @example
 * ```ts
 * rules.specialists.ranges.lookup('I214'); // { kind: 'area', row: <I20–I25>, area: <cardiac> }
 * ```
 */
export class RangeIndex {
  private readonly starts: string[] = [];
  private readonly best: (IndexedRange | undefined)[] = [];

  constructor(private readonly ranges: readonly Bounds[]) {
    // A sweep over the segments' start points: the ranges open at a point are those begun at or before it
    // and not yet ended, a handful (ranges nest), so each point weighs those instead of every range.
    const startingAt = new Map<string, number[]>();
    const endingAt = new Map<string, number[]>();
    const listAt = (map: Map<string, number[]>, point: string) => {
      let list = map.get(point);
      if (!list) {
        list = [];
        map.set(point, list);
      }
      return list;
    };
    ranges.forEach((range, index) => {
      listAt(startingAt, range.from).push(index);
      listAt(endingAt, range.end).push(index);
    });
    const points = [...new Set([...startingAt.keys(), ...endingAt.keys()])].sort();
    const open = new Set<number>();
    for (const point of points) {
      for (const index of endingAt.get(point) ?? []) open.delete(index);
      for (const index of startingAt.get(point) ?? []) open.add(index);
      // The most specific open range; among equals, the first listed (as a scan of every range in order).
      let chosen = -1;
      for (const index of open) {
        if (chosen < 0) {
          chosen = index;
          continue;
        }
        const range = ranges[index] as Bounds;
        const best = ranges[chosen] as Bounds;
        if (moreSpecific(range, best) || (!moreSpecific(best, range) && index < chosen)) chosen = index;
      }
      this.starts.push(point);
      this.best.push(chosen < 0 ? undefined : (ranges[chosen] as Bounds).entry);
    }
  }

  /**
   * The most specific range that holds every code from `from` to `to` (normalised, written at one
   * level), or undefined. Ranges nest, so this is the innermost one around the whole span.
   */
  enclosing(from: string, to: string): IndexedRange | undefined {
    const end = rangeEnd(to);
    let chosen: Bounds | undefined;
    for (const range of this.ranges) {
      if (range.from <= from && end <= range.end && (!chosen || moreSpecific(range, chosen))) chosen = range;
    }
    return chosen?.entry;
  }

  /** The most specific range holding a normalised code (`I214`), or undefined. */
  lookup(code: string): IndexedRange | undefined {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.starts[middle] as string) <= code) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found < 0 ? undefined : this.best[found];
  }
}

/** Deeper-written ranges first (D01.0–D01.3 before D00–D09), then the narrower. */
function moreSpecific(a: Bounds, b: Bounds): boolean {
  return a.depth !== b.depth ? a.depth > b.depth : a.span < b.span;
}

/** The specialist domain of a rule set, validated, cross-checked and indexed. */
export interface SpecialistRules {
  notice: string;
  specialties: ReadonlyMap<string, SpecialtyRow>;
  areas: ReadonlyMap<string, AreaRow>;
  ranges: RangeIndex;
  conditions: PhraseMatcher<PhraseHit<Target>>;
  /** ICD-10-CM titles and terms, searched when no phrase names the condition (absent without the file). */
  conditionIndex?: ConditionIndex<Target & { range: RangeRow }>;
  procedures: PhraseMatcher<PhraseHit<ProcedureRow>>;
  /** The treatments' billing code ranges (`codes`), for a treatment field that gives a code and no wording. */
  procedureCodes: ProcedureCodeIndex<ProcedureRow>;
  requirements: readonly NoteRow[];
  avoid: readonly NoteRow[];
  claimTypes: ReadonlyMap<ClaimType, ClaimTypeRow>;
  denialCategories: ReadonlyMap<DenialCategory, readonly CategoryRow[]>;
  fallback: FallbackRow;
  children: ChildrenRow;
  /** `children.words`, tokenized once: a condition word in it means a child when no age is given. */
  childWords: ReadonlySet<string>;
  olderAdults?: OlderAdultsRow;
  /** `children.perinatalWords`, tokenized once: a word in it keeps the perinatal chapter in the search. */
  perinatalWords: ReadonlySet<string>;
  /** `children.adultWords`, tokenized once: a word in it keeps a childhood condition from saying child. */
  adultWords: ReadonlySet<string>;
  /** `olderAdults.words`, tokenized once: a word in it means an older patient when no age is given. */
  olderWords: ReadonlySet<string>;
  notOlderWords: ReadonlySet<string>;
  /** `operations.words`, tokenized once: a word in it says an unread treatment is an operation. */
  operationWords: ReadonlySet<string>;
  /** Each range's area, by range id. */
  rangeTargets: ReadonlyMap<string, Target>;
}

export interface SpecialistFiles {
  specialties: string;
  areas: string;
  procedures: string;
  context: string;
  conditionIndex?: string;
}

/**
 * Validates, cross-checks and indexes the specialist files; records every problem in `collector`.
 *
 * @example
 * ```ts
 * const collector = new IssueCollector();
 * const rules = compileSpecialists(manifest.domains.specialists, read, collector);
 * collector.throwIfAny();
 * ```
 */
export function compileSpecialists(
  files: SpecialistFiles,
  read: (path: string) => unknown,
  collector: IssueCollector,
): SpecialistRules | undefined {
  const specialties = collector.parseFile(files.specialties, specialtiesFileSchema, read(files.specialties));
  const areas = collector.parseFile(files.areas, areasFileSchema, read(files.areas));
  const procedures = collector.parseFile(files.procedures, proceduresFileSchema, read(files.procedures));
  const context = collector.parseFile(files.context, contextFileSchema, read(files.context));
  // A trusted (bundled, proven) index file is read on the first search, not here (below).
  const indexFile =
    files.conditionIndex && collector.checksFiles
      ? collector.parseFile(files.conditionIndex, conditionIndexFileSchema, read(files.conditionIndex))
      : undefined;
  if (!specialties || !areas || !procedures || !context) return undefined;
  if (files.conditionIndex && collector.checksFiles && !indexFile) return undefined;

  const before = collector.issues.length;
  const codes = new Map(specialties.rows.map((row) => [row.code, row]));
  const areaById = new Map(areas.rows.map((row) => [row.id, row]));
  const noteIds = {
    requirements: new Set(context.requirements.map((row) => row.id)),
    avoid: new Set(context.avoid.map((row) => row.id)),
  };
  const issue = (file: string, path: (string | number)[], message: string, ruleId?: string) =>
    collector.add({ file, path, message, ...(ruleId ? { ruleId } : {}) } satisfies OverturnIssue);
  const checkCode = (file: string, path: (string | number)[], code: string | undefined, ruleId: string) => {
    if (code !== undefined && !codes.has(code))
      issue(file, path, `${code} is not in the specialty table (${files.specialties})`, ruleId);
  };
  const checkArea = (file: string, path: (string | number)[], id: string | undefined, ruleId: string) => {
    if (id !== undefined && !areaById.has(id)) issue(file, path, `no condition area has id "${id}"`, ruleId);
  };
  // Ranges are read after the areas: called once they are all known (the procedures and the context below).
  const checkAreaOrRange = (file: string, path: (string | number)[], id: string, ruleId: string) => {
    if (!areaById.has(id) && !rangeTargets.has(id))
      issue(file, path, `no condition area or range has id "${id}"`, ruleId);
  };
  const checkAlternatives = (
    file: string,
    path: (string | number)[],
    list: { code: string }[] | undefined,
    ruleId: string,
  ) => {
    list?.forEach((alternative, index) => {
      checkCode(file, [...path, index, 'code'], alternative.code, ruleId);
    });
  };
  const checkNotes = (
    file: string,
    path: (string | number)[],
    kind: 'requirements' | 'avoid',
    ids: string[] | undefined,
    ruleId: string,
  ) => {
    ids?.forEach((id, index) => {
      if (!noteIds[kind].has(id))
        issue(file, [...path, index], `"${id}" is not in the ${kind} table`, ruleId);
    });
  };

  // Areas and their ranges.
  const bounds: Bounds[] = [];
  const boundsPaths: (string | number)[][] = [];
  const boundsFiles: string[] = [];
  const rangeTargets = new Map<string, Target>();
  const rangeIds = new Set<string>();
  // Each qualifier's `readAs` must name a range inside its own: checked once every range is known.
  const qualified: { range: RangeRow; qualifier: { readAs: string }; path: (string | number)[] }[] = [];
  const phraseEntries: { phrase: string; payload: Target }[] = [];
  const addBounds = (entry: IndexedRange, path: (string | number)[]) => {
    const from = parseIcd10(entry.row.from) as Icd10Code;
    const to = parseIcd10(entry.row.to ?? entry.row.from) as Icd10Code;
    bounds.push({
      entry,
      from: from.code,
      end: rangeEnd(to.code),
      depth: from.code.length,
      span: ordinal(to.code) - ordinal(from.code),
    });
    boundsPaths.push(path);
    boundsFiles.push(files.areas);
  };
  // The checks across files below refuse only what a proven (bundled) rule set cannot hold: the proof ran them
  // (test/engine.ruleSet.test.ts), and a trusted load skips them, with the paths they build, on its first call.
  const checking = collector.checksFiles;
  areas.rows.forEach((area, areaIndex) => {
    const at = ['rows', areaIndex];
    if (checking) {
      for (const key of [
        'specialty',
        'subspecialty',
        'pediatricSubspecialty',
        'geriatricSubspecialty',
        'surgical',
      ] as const)
        checkCode(files.areas, [...at, key], area[key], area.id);
      checkArea(files.areas, [...at, 'pediatricArea'], area.pediatricArea, area.id);
      area.subspecialistAreas?.forEach((id, index) => {
        checkArea(files.areas, [...at, 'subspecialistAreas', index], id, area.id);
      });
      area.yieldsToNamedCause?.forEach((id, index) => {
        checkArea(files.areas, [...at, 'yieldsToNamedCause', index], id, area.id);
      });
      checkAlternatives(files.areas, [...at, 'alternatives'], area.alternatives, area.id);
      checkNotes(files.areas, [...at, 'avoid'], 'avoid', area.avoid, area.id);
    }
    const areaTarget: Target = { area };
    for (const text of area.phrases) phraseEntries.push({ phrase: text, payload: areaTarget });
    if (area.fieldPhrases?.length) {
      const fieldTarget: Target = { area, field: true };
      for (const text of area.fieldPhrases) phraseEntries.push({ phrase: text, payload: fieldTarget });
    }
    area.ranges.forEach((range, rangeIndex) => {
      const path = [...at, 'ranges', rangeIndex];
      if (checking) {
        if (rangeIds.has(range.id) || areaById.has(range.id))
          issue(files.areas, [...path, 'id'], `duplicate id ${range.id}`, range.id);
        rangeIds.add(range.id);
        checkCode(files.areas, [...path, 'specialty'], range.specialty, range.id);
        checkCode(files.areas, [...path, 'subspecialty'], range.subspecialty, range.id);
        checkCode(files.areas, [...path, 'pediatricSubspecialty'], range.pediatricSubspecialty, range.id);
        checkAlternatives(files.areas, [...path, 'alternatives'], range.alternatives, range.id);
        checkArea(files.areas, [...path, 'adultArea'], range.adultArea, range.id);
        range.qualifiers?.forEach((qualifier, index) => {
          qualified.push({ range, qualifier, path: [...path, 'qualifiers', index, 'readAs'] });
        });
        // A given adult age never answers with children's care: a stutterer of 40 had the developmental pediatrician.
        if (area.childrenOnly && range.adultArea === undefined)
          issue(
            files.areas,
            [...path, 'adultArea'],
            `${range.id} is a range of children's care: name the area that judges it for an adult (adultArea)`,
            range.id,
          );
      }
      if (!isInEffect(range)) return;
      const target: Target = { area, range };
      rangeTargets.set(range.id, target);
      addBounds({ kind: 'area', row: range, area }, path);
      for (const text of range.phrases ?? []) phraseEntries.push({ phrase: text, payload: target });
    });
  });
  areas.secondaryOnly.forEach((row, index) => {
    if (checking) {
      if (rangeIds.has(row.id)) issue(files.areas, ['secondaryOnly', index, 'id'], `duplicate id ${row.id}`);
      rangeIds.add(row.id);
    }
    if (isInEffect(row)) addBounds({ kind: 'secondary', row }, ['secondaryOnly', index]);
  });
  for (const { range, qualifier, path } of qualified) {
    const inner = rangeTargets.get(qualifier.readAs)?.range;
    if (!inner || !rangeHolds(range, inner) || inner.id === range.id)
      issue(files.areas, path, `"${qualifier.readAs}" is not a range inside ${range.id}`, range.id);
  }
  // Checks that only refuse what a proven (bundled) rule set cannot hold are left out for it: they cost a
  // first call some milliseconds.
  if (checking) checkOverlaps(bounds, boundsPaths, boundsFiles, issue);
  const ranges = new RangeIndex(bounds);

  // The ICD-10-CM index: every row must reach an area through a range that holds all of it.
  const routeIndex = (file: ConditionIndexFile) => {
    const entries: { row: IndexRow; target: Target & { range: RangeRow } }[] = [];
    indexRows(file).forEach((row, index) => {
      if (!isInEffect(row)) return;
      const from = parseIcd10(row.from) as Icd10Code;
      const to = parseIcd10(row.to ?? row.from) as Icd10Code;
      const holder = ranges.enclosing(from.code, to.code);
      if (holder?.kind === 'area') {
        entries.push({ row, target: { area: holder.area, range: holder.row } });
      } else {
        issue(
          files.conditionIndex as string,
          index < file.rows.length ? ['rows', index] : ['categories', 'titles', row.from],
          `no range of ${files.areas} holds all of ${row.id}: add one, so that it reaches a specialist`,
          row.id,
        );
      }
    });
    return entries;
  };
  // A proven (bundled) index cannot fail that check, so its file is read and its 1,900 rows are routed on the
  // first search, not here: most calls never search, and a first call should not pay for it.
  const trustedIndex = files.conditionIndex && !collector.checksFiles ? files.conditionIndex : undefined;
  const conditionIndex = indexFile
    ? new ConditionIndex(routeIndex(indexFile))
    : trustedIndex
      ? new ConditionIndex(() => routeIndex(read(trustedIndex) as ConditionIndexFile))
      : undefined;
  if (checking)
    checkPhrases(
      files.areas,
      phraseEntries.map((entry) => ({
        phrase: entry.phrase,
        owner: entry.payload.range?.id ?? entry.payload.area.id,
      })),
      issue,
    );

  // Procedures.
  const procedureEntries: { phrase: string; payload: ProcedureRow }[] = [];
  const codeEntries: { range: { from: string; to?: string }; row: ProcedureRow }[] = [];
  procedures.rows.forEach((row, index) => {
    if (checking) {
      const at = ['rows', index];
      checkCode(files.procedures, [...at, 'performedBy'], row.performedBy, row.id);
      checkArea(files.procedures, [...at, 'area'], row.area, row.id);
      if (row.childArea) checkArea(files.procedures, [...at, 'childArea'], row.childArea, row.id);
      row.childAreaExceptFor?.forEach((id, place) => {
        checkAreaOrRange(files.procedures, [...at, 'childAreaExceptFor', place], id, row.id);
      });
      if (row.childDecides && !row.childArea)
        issue(
          files.procedures,
          [...at, 'childDecides'],
          'childDecides routes a child to the childArea: name one',
          row.id,
        );
      row.yieldsTo?.forEach((id, place) => {
        checkAreaOrRange(files.procedures, [...at, 'yieldsTo', place], id, row.id);
      });
      row.decidesOver?.forEach((id, place) => {
        checkAreaOrRange(files.procedures, [...at, 'decidesOver', place], id, row.id);
      });
      const target = row.range ? rangeTargets.get(row.range) : undefined;
      if (row.range && target?.area.id !== row.area)
        issue(files.procedures, [...at, 'range'], `no range "${row.range}" in area "${row.area}"`, row.id);
      checkAlternatives(files.procedures, [...at, 'alternatives'], row.alternatives, row.id);
    }
    if (!isInEffect(row)) return;
    for (const text of row.phrases) procedureEntries.push({ phrase: text, payload: row });
    for (const range of row.codes ?? []) codeEntries.push({ range, row });
  });
  if (checking) checkCodeRanges(files.procedures, procedures.rows, issue);
  if (checking)
    checkPhrases(
      files.procedures,
      procedureEntries.map((entry) => ({ phrase: entry.phrase, owner: entry.payload.id })),
      issue,
    );

  // Context.
  const contextRows = checking
    ? [
        ...context.claimTypes.map((row, index) => ({ row, path: ['claimTypes', index] })),
        ...context.denialCategories.map((row, index) => ({ row, path: ['denialCategories', index] })),
      ]
    : [];
  for (const { row, path } of contextRows) {
    row.areaRules?.forEach((rule, index) => {
      rule.areas.forEach((id, areaIndex) => {
        checkArea(files.context, [...path, 'areaRules', index, 'areas', areaIndex], id, row.id);
      });
      checkArea(files.context, [...path, 'areaRules', index, 'toArea'], rule.toArea, row.id);
      checkAlternatives(
        files.context,
        [...path, 'areaRules', index, 'alternatives'],
        rule.alternatives,
        row.id,
      );
    });
    checkAlternatives(files.context, [...path, 'alternatives'], row.alternatives, row.id);
    row.removeAlternatives?.forEach((code, index) => {
      checkCode(files.context, [...path, 'removeAlternatives', index], code, row.id);
    });
    checkNotes(files.context, [...path, 'requirements'], 'requirements', row.requirements, row.id);
    checkNotes(files.context, [...path, 'avoid'], 'avoid', row.avoid, row.id);
  }
  if (checking) {
    context.claimTypes.forEach((row, index) => {
      checkArea(files.context, ['claimTypes', index, 'defaultArea'], row.defaultArea, row.id);
    });
    [...context.requirements, ...context.avoid].forEach((row) => {
      row.unlessSpecialty?.forEach((code) => {
        checkCode(files.context, [], code, row.id);
      });
    });
    checkArea(files.context, ['fallback', 'area'], context.fallback.area, context.fallback.id);
    context.olderAdults?.conditionsOfAge?.forEach((id, index) => {
      checkAreaOrRange(
        files.context,
        ['olderAdults', 'conditionsOfAge', index],
        id,
        context.olderAdults?.id ?? 'context.older-adults',
      );
    });
    checkCode(
      files.context,
      ['children', 'alternative', 'code'],
      context.children.alternative.code,
      context.children.id,
    );
  }
  if (collector.issues.length > before) return undefined;

  const denialCategories = new Map<DenialCategory, CategoryRow[]>();
  for (const row of context.denialCategories) {
    if (!isInEffect(row)) continue;
    for (const category of row.categories) {
      const list = denialCategories.get(category) ?? [];
      list.push(row);
      denialCategories.set(category, list);
    }
  }
  let conditionMatcher: PhraseMatcher<PhraseHit<Target>> | undefined;
  let procedureMatcher: PhraseMatcher<PhraseHit<ProcedureRow>> | undefined;
  return {
    notice: specialties.notice,
    specialties: codes,
    areas: areaById,
    ranges,
    ...(conditionIndex ? { conditionIndex } : {}),
    // Each automaton is built when a call first reads text of its kind: a call that routes by code, or names no
    // treatment, never builds it (building both took this compile from about 22 to 9 ms of a first call).
    get conditions() {
      conditionMatcher ??= new PhraseMatcher(
        phraseEntries.map((entry) => ({ phrase: entry.phrase, payload: entry })),
      );
      return conditionMatcher;
    },
    get procedures() {
      procedureMatcher ??= new PhraseMatcher(
        procedureEntries.map((entry) => ({ phrase: entry.phrase, payload: entry })),
      );
      return procedureMatcher;
    },
    procedureCodes: new ProcedureCodeIndex(codeEntries),
    requirements: context.requirements,
    avoid: context.avoid,
    claimTypes: new Map(
      context.claimTypes.filter((row) => isInEffect(row)).map((row) => [row.claimType, row] as const),
    ),
    denialCategories,
    fallback: context.fallback,
    children: context.children,
    childWords: wordSet(context.children.words),
    perinatalWords: wordSet(context.children.perinatalWords),
    adultWords: wordSet(context.children.adultWords),
    ...(context.olderAdults ? { olderAdults: context.olderAdults } : {}),
    olderWords: wordSet(context.olderAdults?.words),
    notOlderWords: wordSet(context.olderAdults?.notOlderWords),
    operationWords: wordSet(context.operations?.words),
    rangeTargets,
  };
}

/** Two ranges either nest or are disjoint; the same range twice is refused (which one would win?). */
function checkOverlaps(
  bounds: readonly Bounds[],
  paths: readonly (string | number)[][],
  files: readonly string[],
  issue: (file: string, path: (string | number)[], message: string, ruleId?: string) => void,
) {
  const order = bounds
    .map((_, index) => index)
    .sort((a, b) => {
      const left = bounds[a] as Bounds;
      const right = bounds[b] as Bounds;
      return left.from < right.from ? -1 : left.from > right.from ? 1 : left.end < right.end ? 1 : -1;
    });
  // Sorted by start (widest first), a range must end inside every open range that holds its start.
  const open: number[] = [];
  for (const index of order) {
    const range = bounds[index] as Bounds;
    while (open.length && (bounds[open.at(-1) as number] as Bounds).end <= range.from) open.pop();
    const parent = open.length ? (bounds[open.at(-1) as number] as Bounds) : undefined;
    if (parent && parent.from === range.from && parent.end === range.end) {
      issue(
        files[index] as string,
        paths[index] as (string | number)[],
        `the range of ${range.entry.row.id} is also the range of ${parent.entry.row.id}`,
        range.entry.row.id,
      );
    } else if (parent && range.end > parent.end) {
      issue(
        files[index] as string,
        paths[index] as (string | number)[],
        `${range.entry.row.id} overlaps ${parent.entry.row.id} without lying inside it`,
        range.entry.row.id,
      );
    }
    open.push(index);
  }
}

/** The same words listed twice (in one owner or two) would make a match ambiguous. */
function checkPhrases(
  file: string,
  entries: readonly { phrase: string; owner: string }[],
  issue: (file: string, path: (string | number)[], message: string, ruleId?: string) => void,
) {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const key = tokenize(entry.phrase).join(' ');
    const owner = seen.get(key);
    if (owner !== undefined) {
      issue(
        file,
        [],
        `the phrase "${entry.phrase}" is listed by both ${owner} and ${entry.owner}`,
        entry.owner,
      );
    } else seen.set(key, entry.owner);
  }
}

/** Sign words as the condition's words are read (tokenized, a pair joined by a space). */
function wordSet(words: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((words ?? []).map((word) => tokenize(word).join(' ')));
}

/**
 * Refuses billing code ranges of two treatment rows that overlap without one holding the other, or that are the
 * same: the narrowest range decides a code (procedureCodes.ts), so such a pair would route by row order.
 */
function checkCodeRanges(
  file: string,
  rows: readonly ProcedureRow[],
  issue: (file: string, path: (string | number)[], message: string, ruleId?: string) => void,
): void {
  const ranges: { from: string; to: string; family: string; row: ProcedureRow; path: (string | number)[] }[] =
    [];
  rows.forEach((row, index) => {
    row.codes?.forEach((range, place) => {
      ranges.push({
        from: range.from,
        to: range.to ?? range.from,
        family: codeFamily(range.from),
        row,
        path: ['rows', index, 'codes', place],
      });
    });
  });
  for (let first = 0; first < ranges.length; first++) {
    const a = ranges[first] as (typeof ranges)[number];
    for (let second = first + 1; second < ranges.length; second++) {
      const b = ranges[second] as (typeof ranges)[number];
      if (a.row === b.row || a.family !== b.family || a.to < b.from || b.to < a.from) continue;
      const same = a.from === b.from && a.to === b.to;
      const nested = (a.from <= b.from && b.to <= a.to) || (b.from <= a.from && a.to <= b.to);
      if (same || !nested)
        issue(
          file,
          b.path,
          `${b.from}–${b.to} ${same ? 'is also' : 'overlaps'} ${a.from}–${a.to} of ${a.row.id}: code ranges of two rows nest or stay apart`,
          b.row.id,
        );
    }
  }
}
