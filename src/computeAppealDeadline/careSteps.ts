import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { addDays } from '../dates/arithmetic.js';
import {
  checkEffectiveRange,
  isInEffect,
  nonConfirmedNeedsWarning,
  provenanceShape,
} from '../engine/provenance.js';
import { tableFileSchema } from '../engine/tables.js';
import { APPEAL_LEVELS, CARE_ENDING, type CareStep, type DeadlineInput, PLAN_TYPES } from '../types.js';

/**
 * Deadlines that run beside an appeal and are lost more often than the appeal itself: asking to keep
 * Medicaid benefits while the appeal runs, and Medicare's fast review before a hospital discharge or the
 * end of skilled services. Each row says when the step is due, counted from the notice (or its receipt)
 * and, where the rule says so, from the date the care ends.
 */
const careStepRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      planTypes: z.array(z.enum(PLAN_TYPES)).min(1),
      /** The appeal levels whose notice starts this step's clock (the denial, or the plan's appeal decision). */
      levels: z.array(z.enum(APPEAL_LEVELS)).min(1),
      /** What the notice does: a hospital discharge, or services that stop or are reduced. */
      careEnding: z.array(z.enum(CARE_ENDING)).min(1),
      step: z.enum(['continue_benefits', 'fast_review']),
      due: z
        .object({
          /** Days after the clock start: the notice date (`notice_date`) or its receipt (`receipt`). */
          days: z.number().int().min(0).max(60),
          from: z.enum(['notice_date', 'receipt']),
          /**
           * How the date the care ends (`careEndDate`) sets it when given: `later_of` (whichever is later),
           * `before` (the day before it), `on` (that day itself; no date without it). Without that date, the
           * counted day stands: the earliest the rule can give.
           */
          careEndDate: z.enum(['later_of', 'before', 'on']).optional(),
        })
        .strict(),
      /** The time of day the request must be in by. */
      dueBy: z.enum(['noon', 'end_of_day']),
      title: z.string().trim().min(3),
      /** What to do and the rule, in plain words, with its hour ("by noon") stated. */
      text: z.string().trim().min(10),
      warning: z.string().trim().min(1).optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine((row, ctx) => {
      if (row.due.careEndDate === 'on' && row.due.days !== 0)
        ctx.addIssue({
          code: 'custom',
          path: ['due', 'days'],
          message: 'a step due on the day the care ends counts no days',
        });
    }),
);

export type CareStepRow = z.infer<typeof careStepRowSchema>;

export const careStepsFileSchema = lazySchema(() => tableFileSchema('care-steps', careStepRowSchema));

/** The steps that keep care going at this level, dated from the input. */
export function careStepsFor(
  rows: readonly CareStepRow[],
  input: DeadlineInput,
  level: string,
  ruleDate: string | undefined,
): CareStep[] {
  const ending = input.careEnding;
  if (!ending) return [];
  const steps: CareStep[] = [];
  for (const row of rows) {
    if (
      !row.planTypes.includes(input.planType) ||
      !row.levels.includes(level as never) ||
      !row.careEnding.includes(ending) ||
      !isInEffect(row, ruleDate)
    )
      continue;
    const step: CareStep = {
      kind: row.step,
      dueBy: row.dueBy,
      title: row.title,
      text: row.text,
      citation: row.citation,
      sourceUrl: row.sourceUrl,
      ruleId: row.id,
      ruleStatus: row.status,
    };
    const dueDate = dueDateOf(row, input);
    if (dueDate) step.dueDate = dueDate;
    if (row.warning) step.warning = row.warning;
    steps.push(step);
  }
  return steps;
}

function dueDateOf(row: CareStepRow, input: DeadlineInput): string | undefined {
  const end = input.careEndDate;
  if (row.due.careEndDate === 'on') return end;
  // Receipt, when not given, is taken as the notice date: the earliest it can be.
  const start =
    row.due.from === 'receipt'
      ? (input.receivedDate ?? input.noticeDate)
      : (input.noticeDate ?? input.receivedDate);
  const counted = addDays(start as string, row.due.days);
  if (!end) return counted;
  if (row.due.careEndDate === 'before') return addDays(end, -1);
  // `later_of`: whichever of the counted day and the day the care ends comes last.
  if (row.due.careEndDate === 'later_of' && end > counted) return end;
  return counted;
}
