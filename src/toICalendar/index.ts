import ical, { ICalAlarmType, ICalEventTransparency } from 'ical-generator';
import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import { levelName } from '../buildChecklist/build.js';
import { CHECKLIST_PRIORITIES, type ChecklistPriority } from '../buildChecklist/types.js';
import { isoDateSchema } from '../engine/provenance.js';
import { parseInput } from '../errors.js';
import { APPEAL_LEVELS } from '../types.js';

/** Options of {@link toICalendar}. */
export interface ICalendarOptions {
  /**
   * The creation date written into each event (`DTSTAMP`, required by RFC 5545), `YYYY-MM-DD`.
   * Default: the analysis's `asOf`, else the deadline's clock start (the core never reads the clock,
   * so the same analysis always gives the same file).
   */
  stamp?: string;
  /** Days before each due date to remind (default 7); 0 for no reminders. */
  reminderDays?: number;
  /** Prefix of each event's UID, to keep the events of different cases apart (default `overturn`). */
  uidPrefix?: string;
  /** The calendar's name (default: "Appeal plan: " and the level). */
  name?: string;
}

/** RFC 5545 PRIORITY: 1 is the highest, 9 the lowest. */
const ICAL_PRIORITY: Record<ChecklistPriority, number> = { critical: 1, high: 3, normal: 5 };

const date = isoDateSchema;

const optionsSchema = lazySchema(() =>
  z
    .object({
      stamp: date.optional(),
      reminderDays: z
        .number()
        .int('expected a whole number of days from 0 to 365')
        .min(0, 'expected a whole number of days from 0 to 365')
        .max(365, 'expected a whole number of days from 0 to 365')
        .default(7),
      uidPrefix: z
        .string()
        .regex(
          /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
          'letters, digits, dots, dashes and underscores (at most 64)',
        )
        .default('overturn'),
      name: z.string().max(200, 'a name of at most 200 characters').optional(),
    })
    .strict(),
);

const itemSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    why: z.string(),
    priority: z.enum(CHECKLIST_PRIORITIES),
    dueDate: date.optional(),
    citation: z.string().optional(),
    sourceUrl: z.string().optional(),
    warning: z.string().optional(),
    ruleId: z.string(),
  }),
);

/** The parts of a {@link CaseAnalysis} the calendar uses. */
const analysisSchema = lazySchema(() =>
  z.object({
    checklist: z.object({
      items: z.array(itemSchema),
      deadline: z.object({
        deadline: date,
        level: z.enum(APPEAL_LEVELS),
        clockStart: z.object({ date }),
      }),
    }),
    asOf: date.optional(),
    ruleSet: z.object({ id: z.string(), version: z.string() }),
  }),
);

/**
 * The dated items of an analysis as an RFC 5545 calendar (an `.ics` file's text): one all-day event on
 * each due date, with the step, why it matters and the rule behind it, and a reminder a week before, so
 * that an advocate's calendar holds the deadline. Items without a due date are left out.
 *
 * The output depends only on the analysis and the options: event UIDs and stamps are derived from them.
 *
 * @param analysis - the result of {@link analyzeCase}
 * @param options - the stamp date, reminder days, UID prefix and calendar name
 * @returns the calendar text, lines ending in CRLF as RFC 5545 requires
 * @throws {OverturnError} `INVALID_INPUT` for a bad option
 *
 * @example
 * ```ts
 * import { analyzeCase, toICalendar } from 'overturn';
 * import { writeFileSync } from 'node:fs';
 *
 * const analysis = analyzeCase({
 *   denial: { codes: ['CO-50'] },
 *   planType: 'medicare_original',
 *   noticeDate: '2026-01-02',
 * });
 * const ics = toICalendar(analysis);
 * ics.includes('DTSTART;VALUE=DATE:20260507'); // true: the redetermination deadline
 * ics.includes('TRIGGER:-P7D');                // true: a reminder a week before
 * writeFileSync('appeal.ics', ics);
 * ```
 */
export function toICalendar(analysis: CaseAnalysis, options: ICalendarOptions = {}): string {
  // An analysis may come back from storage or another service as JSON: check what is used.
  parseInput(analysisSchema, analysis);
  const { stamp, reminderDays, uidPrefix, name } = parseInput(optionsSchema, options);
  const { deadline } = analysis.checklist;
  const calendar = ical({
    name: name ?? `Appeal plan: ${levelName(deadline.level)} due ${deadline.deadline}`,
    prodId: { company: 'overturn', product: 'overturn', language: 'EN' },
  });
  for (const item of analysis.checklist.items) {
    if (item.dueDate === undefined) continue;
    const lines = [item.why];
    if (item.warning) lines.push(`Caution: ${item.warning}`);
    if (item.citation) lines.push(`Rule: ${item.citation}${item.sourceUrl ? ` (${item.sourceUrl})` : ''}`);
    lines.push(`overturn rule ${item.ruleId}, rule set ${analysis.ruleSet.id} ${analysis.ruleSet.version}`);
    const event = calendar.createEvent({
      // Stable across runs: the same case gives the same UIDs, so a re-import updates rather than duplicates.
      id: `${uidPrefix}-${deadline.clockStart.date}-${deadline.level}-${item.id}@overturn`,
      start: utcDate(item.dueDate),
      allDay: true,
      stamp: utcDate(stamp ?? analysis.asOf ?? deadline.clockStart.date),
      summary: item.id === 'submit_written_appeal' ? `DEADLINE: ${item.title}` : item.title,
      description: lines.join('\n\n'),
      priority: ICAL_PRIORITY[item.priority],
      categories: [{ name: 'Appeal' }, { name: item.priority }],
      // An all-day reminder should not block the day as busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    if (reminderDays > 0) {
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: reminderDays * 86_400,
        description: `In ${reminderDays} days: ${item.title}`,
      });
    }
  }
  return calendar.toString();
}

/** Midnight UTC of a calendar date: ical-generator writes all-day dates from the UTC fields. */
function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
