import type * as z from 'zod';
import { PLAN_TYPES, type PlanType } from '../types.js';

/**
 * Checks that every plan type has exactly one row of a kind in a rule file (the first appeal level of each
 * deadline window, the default row of the second-opinion programs): a second one is refused at its row, unless
 * `mayRepeat` allows it (a row in effect over other dates), and a plan type with none is refused at `rows`.
 *
 * @example
 * ```ts
 * onePerPlanType(rows, ctx, {
 *   marked: (row) => (row.kind === 'default' ? row.planTypes : undefined),
 *   field: 'planTypes',
 *   twice: (planType) => `${planType} already has a default row`,
 *   none: (planType) => `no default row for ${planType}`,
 * });
 * ```
 */
export function onePerPlanType<Row>(
  rows: readonly Row[],
  ctx: z.RefinementCtx,
  rule: {
    /** The plan types of a row of the kind, or undefined for a row of another kind. */
    marked: (row: Row) => readonly PlanType[] | undefined;
    mayRepeat?: (row: Row) => boolean;
    /** The row's field a second one is refused at. */
    field: string;
    twice: (planType: PlanType) => string;
    none: (planType: PlanType) => string;
  },
): void {
  const found = new Set<PlanType>();
  rows.forEach((row, index) => {
    for (const planType of rule.marked(row) ?? []) {
      if (found.has(planType) && !rule.mayRepeat?.(row))
        ctx.addIssue({ code: 'custom', path: ['rows', index, rule.field], message: rule.twice(planType) });
      found.add(planType);
    }
  });
  for (const planType of PLAN_TYPES) {
    if (!found.has(planType)) ctx.addIssue({ code: 'custom', path: ['rows'], message: rule.none(planType) });
  }
}
