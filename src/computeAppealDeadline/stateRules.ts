import * as z from 'zod';
import { builtOnce, lazySchema } from '../_lib/lazySchema.js';
import { checkEffectiveRange, nonConfirmedNeedsWarning, provenanceShape } from '../engine/provenance.js';
import type { IssueCollector } from '../engine/ruleSet.js';
import { editorSchemaShape } from '../engine/tables.js';
import type { PlanType } from '../types.js';
import { checkWindowClock, type WindowRow, windowRowInOneShape } from './ruleData.js';
import { US_STATES, type UsState } from './states.js';

/**
 * One jurisdiction's rules (`rules/states/<xx>.json`): external review for the plans it regulates, its
 * Medicaid fair-hearing windows, and the regulators a person turns to. Each row carries the verbatim
 * text it rests on (`quote`), so a reviewer can check it without leaving the file.
 */

const duration = lazySchema(() =>
  z.object({ amount: z.number().int().min(1).max(1000), unit: z.enum(['days', 'months']) }).strict(),
);
const decisionTime = lazySchema(() =>
  z.object({ amount: z.number().int().min(1).max(1000), unit: z.enum(['hours', 'days']) }).strict(),
);

/** The clock and calendar fields every state window shares with the federal window rows. */
const windowShape = builtOnce(() => ({
  ...provenanceShape(),
  window: duration,
  clockStart: z.enum(['receipt', 'notice_date']),
  presumedReceiptDays: z.number().int().min(1).max(30).optional(),
  onMissingDay: z.enum(['first_of_next_month', 'last_of_month']).optional(),
  rollForward: z.object({ weekends: z.boolean(), federalHolidays: z.boolean() }).strict(),
  /** What counts as filing in time, where the text says: `received` (mailing by the last day is not enough). */
  filedWhen: z.enum(['received', 'postmarked', 'postmarked_or_received']).optional(),
  /** The sentence(s) of the primary text the row rests on, verbatim. */
  quote: z.string().trim().min(1, 'quote the text the row rests on'),
  warning: z.string().trim().min(1).optional(),
}));

const externalReviewRowSchema = lazySchema(() =>
  z
    .object({
      ...windowShape(),
      /** The plans the state's process covers: the insured and individual plans the state regulates. */
      appliesTo: z.literal('insured'),
      /**
       * `state`: the state runs its own process; `federal_hhs`: its insured plans use the HHS-administered
       * federal process (the row then restates the federal rule); `mixed`: some issuers use each.
       */
      process: z.enum(['state', 'federal_hhs', 'mixed']),
      /** Where a state has two processes (California): which regulator runs this one. */
      regulatorRole: z.enum(['insurance', 'managed_care']).optional(),
      standardDecision: decisionTime.optional(),
      expeditedDecision: decisionTime.optional(),
      /** A different filing time for expedited requests, when the state sets one. */
      expeditedWindow: duration.optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine(checkWindowClock),
);

const fairHearingRowSchema = lazySchema(() =>
  z
    .object(windowShape())
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine(checkWindowClock),
);

/** The kinds of regulator a person can turn to. */
export const REGULATOR_ROLES = ['insurance', 'managed_care', 'medicaid'] as const;

const regulatorRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      role: z.enum(REGULATOR_ROLES),
      name: z.string().trim().min(3),
      url: z.url({ protocol: /^https?$/, message: 'url must be an http(s) URL' }),
      phone: z
        .string()
        .regex(/^[0-9A-Z() +./-]{7,40}$/, 'a phone number as the agency prints it, such as 1-800-555-0100')
        .optional(),
      warning: z.string().trim().min(1).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning),
);

export type StateExternalReviewRow = z.infer<typeof externalReviewRowSchema>;
export type StateFairHearingRow = z.infer<typeof fairHearingRowSchema>;
export type RegulatorRow = z.infer<typeof regulatorRowSchema>;

/** The schema of one jurisdiction's file. */
export const stateFileSchema = lazySchema(() =>
  z
    .object({
      ...editorSchemaShape(),
      state: z.enum(US_STATES),
      name: z.string().trim().min(4),
      externalReview: z.array(externalReviewRowSchema).min(1),
      medicaidFairHearing: z
        .object({ feeForService: fairHearingRowSchema, managedCare: fairHearingRowSchema })
        .strict(),
      regulators: z.array(regulatorRowSchema).min(1),
    })
    .strict()
    .superRefine((file, ctx) => {
      const ids = new Set<string>();
      const check = (id: string, path: (string | number)[]) => {
        if (ids.has(id))
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate id ${id}` });
        ids.add(id);
      };
      file.externalReview.forEach((row, index) => {
        check(row.id, ['externalReview', index]);
      });
      check(file.medicaidFairHearing.feeForService.id, ['medicaidFairHearing', 'feeForService']);
      check(file.medicaidFairHearing.managedCare.id, ['medicaidFairHearing', 'managedCare']);
      file.regulators.forEach((row, index) => {
        check(row.id, ['regulators', index]);
      });
      for (const role of ['insurance', 'medicaid'] as const) {
        if (!file.regulators.some((row) => row.role === role))
          ctx.addIssue({ code: 'custom', path: ['regulators'], message: `no ${role} regulator` });
      }
    }),
);

/** A compiled jurisdiction: its file, and its windows as rows the deadline computation applies. */
export interface StateRules {
  state: UsState;
  name: string;
  regulators: readonly RegulatorRow[];
  windows: readonly WindowRow[];
}

/** The plans a state's external review covers when the plan is insured (or individual coverage). */
const STATE_REGULATED: PlanType[] = ['employer_erisa', 'employer_non_erisa', 'individual_market'];

/** A state window as a window row: the same computation as a federal row, with the state's provenance. */
function windowRowOf(
  state: UsState,
  row: StateExternalReviewRow | StateFairHearingRow,
  planTypes: PlanType[],
  level: WindowRow['level'],
): WindowRow {
  const { quote: _quote, window, clockStart, presumedReceiptDays, onMissingDay, rollForward } = row;
  const windowRow: WindowRow = {
    id: row.id,
    citation: row.citation,
    sourceUrl: row.sourceUrl,
    verifiedOn: row.verifiedOn,
    status: row.status,
    planTypes,
    level,
    state,
    window,
    clockStart,
    rollForward,
    filedWhen: row.filedWhen ?? 'unstated',
    planWindow: 'fixed',
    nextLevels: [],
  };
  if (presumedReceiptDays !== undefined) windowRow.presumedReceiptDays = presumedReceiptDays;
  if (onMissingDay !== undefined) windowRow.onMissingDay = onMissingDay;
  if (row.effectiveFrom !== undefined) windowRow.effectiveFrom = row.effectiveFrom;
  if (row.effectiveTo !== undefined) windowRow.effectiveTo = row.effectiveTo;
  if (row.warning !== undefined) windowRow.warning = row.warning;
  if (row.note !== undefined) windowRow.note = row.note;
  if ('standardDecision' in row && row.standardDecision) windowRow.standardDecision = row.standardDecision;
  if ('expeditedDecision' in row && row.expeditedDecision)
    windowRow.expeditedDecision = row.expeditedDecision;
  if ('expeditedWindow' in row && row.expeditedWindow) windowRow.expeditedWindow = row.expeditedWindow;
  return windowRowInOneShape(windowRow);
}

/** Validates each jurisdiction's file and turns its windows into rows; records every problem. */
export function compileStates(
  files: Readonly<Record<string, string>>,
  read: (path: string) => unknown,
  collector: IssueCollector,
): Map<UsState, StateRules> | undefined {
  const states = new Map<UsState, StateRules>();
  let valid = true;
  for (const [code, path] of Object.entries(files)) {
    const file = collector.parseFile(path, stateFileSchema, read(path));
    if (!file) {
      valid = false;
      continue;
    }
    if (file.state !== code) {
      collector.add({
        file: path,
        path: ['state'],
        message: `the manifest lists this file as ${code}, but it is ${file.state}'s`,
      });
      valid = false;
      continue;
    }
    const { feeForService, managedCare } = file.medicaidFairHearing;
    states.set(file.state, {
      state: file.state,
      name: file.name,
      regulators: file.regulators,
      windows: [
        ...file.externalReview.map((row) => windowRowOf(file.state, row, STATE_REGULATED, 'external_review')),
        windowRowOf(file.state, feeForService, ['medicaid_fee_for_service'], 'state_fair_hearing'),
        windowRowOf(file.state, managedCare, ['medicaid_managed_care'], 'state_fair_hearing'),
      ],
    });
  }
  return valid ? states : undefined;
}
