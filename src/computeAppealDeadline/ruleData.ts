import * as z from 'zod';
import type { EveryField } from '../_lib/everyField.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { onePerPlanType } from '../_lib/onePerPlanType.js';
import { checkEffectiveRange, nonConfirmedNeedsWarning, provenanceShape } from '../engine/provenance.js';
import type { IssueCollector } from '../engine/ruleSet.js';
import { tableFileSchema } from '../engine/tables.js';
import { APPEAL_LEVELS, type AppealLevel, type Duration, PLAN_TYPES, type PlanType } from '../types.js';
import { type CareStepRow, careStepsFileSchema } from './careSteps.js';
import type { UsState } from './states.js';

const planTypes = lazySchema(() => z.array(z.enum(PLAN_TYPES)).min(1));
const level = lazySchema(() => z.enum(APPEAL_LEVELS));

/**
 * The clock checks every window row shares, federal or state: a month window says what a missing day
 * becomes, and a receipt presumption needs a clock that starts at receipt.
 */
export function checkWindowClock(
  row: { window: { unit: string }; onMissingDay?: string; presumedReceiptDays?: number; clockStart: string },
  ctx: z.RefinementCtx,
): void {
  if (row.window.unit === 'months' && !row.onMissingDay)
    ctx.addIssue({ code: 'custom', path: ['onMissingDay'], message: 'a month window needs `onMissingDay`' });
  if (row.presumedReceiptDays !== undefined && row.clockStart !== 'receipt')
    ctx.addIssue({
      code: 'custom',
      path: ['presumedReceiptDays'],
      message: 'a receipt presumption needs clockStart "receipt"',
    });
}

const windowRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      planTypes,
      level,
      /** The level a plan type starts at (the default when the input names none). */
      firstLevel: z.boolean().optional(),
      /** The row applies only to expedited (`true`) or only to standard (`false`) requests; absent: both. */
      urgent: z.boolean().optional(),
      window: z
        .object({ amount: z.number().int().min(1).max(1000), unit: z.enum(['days', 'months']) })
        .strict(),
      clockStart: z.enum(['receipt', 'notice_date']),
      /** Receipt presumed this many days after the notice date unless the actual date is given (Medicare). */
      presumedReceiptDays: z.number().int().min(1).max(30).optional(),
      /** For month windows: what a missing day (Feb 30) becomes. */
      onMissingDay: z.enum(['first_of_next_month', 'last_of_month']).optional(),
      /** Only where the rule says so; otherwise a weekend last day stays and the answer warns. */
      rollForward: z.object({ weekends: z.boolean(), federalHolidays: z.boolean() }).strict(),
      filedWhen: z.enum(['received', 'postmarked', 'postmarked_or_received', 'unstated']),
      /**
       * How a plan's own window combines: `minimum` (the rule is a floor: a longer plan window is honoured,
       * a shorter one is used and warned about), `fixed` (the earlier of the two), `not_applicable`.
       */
      planWindow: z.enum(['minimum', 'fixed', 'not_applicable']),
      /** The date is an upper bound: a state may set less. */
      latestPossible: z.boolean().optional(),
      nextLevels: z.array(level),
      warning: z.string().min(1).optional(),
      /** Added to the warning when the last day falls on a weekend or holiday that the rule does not skip. */
      weekendWarning: z.string().min(1).optional(),
      /**
       * Where a state's rule (in `rules/states/`) governs this level: `governs` says for which plans (`always`,
       * or `insured_plans`: individual coverage and insured employer plans, not self-funded ones);
       * `whenUnknown` says what answers when the state is not given or its rule is missing or unconfirmed:
       * `earliest_state` (the earliest date any state's confirmed rule gives) or `this_row` (this row, which
       * states may only lengthen).
       */
      stateLaw: z
        .object({
          governs: z.enum(['always', 'insured_plans']),
          whenUnknown: z.enum(['earliest_state', 'this_row']),
        })
        .strict()
        .optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine(checkWindowClock),
);

/**
 * A window row: a federal or program row of `windows.json`, or a state's row from `rules/states/` (which
 * names its state and may carry the decision times of its review).
 */
export type WindowRow = z.infer<typeof windowRowSchema> & {
  state?: UsState;
  quote?: string;
  standardDecision?: Duration<'hours' | 'days'>;
  expeditedDecision?: Duration<'hours' | 'days'>;
  /** A shorter time to ask for the expedited review, where the state sets one. */
  expeditedWindow?: Duration;
};

/**
 * A window row with every field present (undefined where the row gives none), in one order. The rows come in as many
 * shapes as sets of optional fields (17 among the federal rows alone, more with the states'), and each deadline reads
 * a dozen of their fields: lookups V8 cannot specialise, on every call. Compiled rows are kept in this shape.
 */
export function windowRowInOneShape(row: WindowRow): WindowRow {
  const shaped: EveryField<WindowRow> = {
    id: row.id,
    citation: row.citation,
    sourceUrl: row.sourceUrl,
    verifiedOn: row.verifiedOn,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    note: row.note,
    planTypes: row.planTypes,
    level: row.level,
    firstLevel: row.firstLevel,
    urgent: row.urgent,
    window: row.window,
    clockStart: row.clockStart,
    presumedReceiptDays: row.presumedReceiptDays,
    onMissingDay: row.onMissingDay,
    rollForward: row.rollForward,
    filedWhen: row.filedWhen,
    planWindow: row.planWindow,
    latestPossible: row.latestPossible,
    nextLevels: row.nextLevels,
    warning: row.warning,
    weekendWarning: row.weekendWarning,
    stateLaw: row.stateLaw,
    state: row.state,
    quote: row.quote,
    standardDecision: row.standardDecision,
    expeditedDecision: row.expeditedDecision,
    expeditedWindow: row.expeditedWindow,
  };
  return shaped;
}

export const windowsFileSchema = lazySchema(() =>
  tableFileSchema('deadline-windows', windowRowSchema, (rows, ctx) =>
    onePerPlanType(rows, ctx, {
      marked: (row) => (row.firstLevel ? row.planTypes : undefined),
      // A first level in effect over other dates (a rule that changed) may share its plan types.
      mayRepeat: (row) => row.effectiveFrom !== undefined || row.effectiveTo !== undefined,
      field: 'firstLevel',
      twice: (planType) => `${planType} already has a first level`,
      none: (planType) => `no row marks the first level of ${planType}`,
    }),
  ),
);

const decisionRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      /** `appeal`: the decision on an appeal at `level`; `prior_authorization`: a new request (CMS-0057-F). */
      stage: z.enum(['appeal', 'prior_authorization']),
      planTypes,
      level: level.optional(),
      when: z.enum(['urgent', 'pre_service', 'post_service', 'any']),
      amount: z.number().int().min(1).max(1000),
      unit: z.enum(['hours', 'days']),
      warning: z.string().min(1).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine((row, ctx) => {
      if ((row.stage === 'appeal') !== (row.level !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['level'],
          message: 'an appeal decision names its level; a prior-authorization one does not',
        });
      }
    }),
);

export type DecisionRow = z.infer<typeof decisionRowSchema>;

export const decisionsFileSchema = lazySchema(() => tableFileSchema('decision-times', decisionRowSchema));

const thresholdRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      planTypes,
      level,
      /** Dollars in controversy needed to ask for this level, for requests filed in the row's dates. */
      amountInControversy: z.number().int().min(0),
    })
    .strict()
    .superRefine(checkEffectiveRange),
);

export type ThresholdRow = z.infer<typeof thresholdRowSchema>;

export const thresholdsFileSchema = lazySchema(() =>
  tableFileSchema('amount-thresholds', thresholdRowSchema),
);

/** The deadline domain of a rule set, validated and indexed by plan type. */
export interface DeadlineRules {
  windows: readonly WindowRow[];
  careSteps: readonly CareStepRow[];
  byPlanType: ReadonlyMap<PlanType, readonly WindowRow[]>;
  decisions: readonly DecisionRow[];
  thresholds: readonly ThresholdRow[];
}

export interface DeadlineFiles {
  windows: string;
  decisions: string;
  thresholds: string;
  careSteps: string;
}

/** Validates and indexes the deadline files; records every problem in `collector`. */
export function compileDeadlines(
  files: DeadlineFiles,
  read: (path: string) => unknown,
  collector: IssueCollector,
): DeadlineRules | undefined {
  const windows = collector.parseFile(files.windows, windowsFileSchema, read(files.windows));
  const decisions = collector.parseFile(files.decisions, decisionsFileSchema, read(files.decisions));
  const thresholds = collector.parseFile(files.thresholds, thresholdsFileSchema, read(files.thresholds));
  const careSteps = collector.parseFile(files.careSteps, careStepsFileSchema, read(files.careSteps));
  if (!windows || !decisions || !thresholds || !careSteps) return undefined;
  const rows = windows.rows.map(windowRowInOneShape);
  const byPlanType = new Map<PlanType, WindowRow[]>();
  for (const row of rows) {
    for (const planType of row.planTypes) {
      const list = byPlanType.get(planType) ?? [];
      list.push(row);
      byPlanType.set(planType, list);
    }
  }
  return {
    windows: rows,
    careSteps: careSteps.rows,
    byPlanType,
    decisions: decisions.rows,
    thresholds: thresholds.rows,
  };
}

/** The levels a plan type has, in the order its rows list them (first level first). */
export function levelsOf(rules: DeadlineRules, planType: PlanType): AppealLevel[] {
  const rows = rules.byPlanType.get(planType) ?? [];
  const levels = rows.map((row) => row.level);
  const first = rows.find((row) => row.firstLevel)?.level;
  return [...new Set(first ? [first, ...levels] : levels)];
}
