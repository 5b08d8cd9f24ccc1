import * as z from 'zod';
import type { EveryField } from '../_lib/everyField.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { US_STATES } from '../computeAppealDeadline/states.js';
import type { FactDefinition } from '../engine/conditions.js';
import {
  type CompiledRule,
  compileRules,
  type DecisionRule,
  decisionRuleFileSchema,
  type IndexedRules,
  indexRules,
} from '../engine/decisionRules.js';
import type { IssueCollector } from '../engine/ruleSet.js';
import { APPEAL_LEVELS, DENIAL_CATEGORIES, DENIAL_STAGES, PLAN_TYPES } from '../types.js';
import {
  CHECKLIST_ITEM_IDS,
  CHECKLIST_PHASES,
  CHECKLIST_PRIORITIES,
  FUNDING_TYPES,
  TEMPLATE_FIELDS,
} from './types.js';

/**
 * The facts a checklist rule may test. Every fact is always defined (json-rules-engine runs with
 * `allowUndefinedFacts: false`), so "not known" has its own value: `unknown` or `none`.
 */
export const CHECKLIST_FACTS = {
  category: { type: 'string', values: DENIAL_CATEGORIES, description: 'the denial category' },
  disputeKind: {
    type: 'string',
    values: ['clinical', 'administrative'],
    description: 'clinical (medical judgment) or administrative',
  },
  secondOpinionHelps: {
    type: 'boolean',
    description: "true when an independent specialist's opinion can change the outcome",
  },
  externalReviewEligible: {
    type: 'boolean',
    description: 'true when the denial is of a kind federal external review covers',
  },
  confidence: { type: 'string', values: ['high', 'medium', 'low'], description: 'classification confidence' },
  planType: { type: 'string', values: PLAN_TYPES, description: 'the kind of coverage' },
  funding: {
    type: 'string',
    values: [...FUNDING_TYPES, 'unknown'],
    description:
      'for employer plans: insured (state insurance law applies) or self-funded; unknown when not given',
  },
  stage: {
    type: 'string',
    values: [...DENIAL_STAGES, 'unknown'],
    description: 'where in the care process the denial happened; unknown when not given',
  },
  urgent: { type: 'boolean', description: 'the case is urgent (expedited)' },
  state: { type: 'string', values: [...US_STATES, 'unknown'], description: 'USPS state code, or unknown' },
  level: { type: 'string', values: APPEAL_LEVELS, description: 'the appeal level the deadline is for' },
  hasNextLevel: { type: 'boolean', description: 'true when the deadline names a level after this one' },
  hasProcedure: { type: 'boolean', description: 'a procedure is named in the case' },
  ssoRequirement: {
    type: 'string',
    values: ['required', 'not_required', 'plan_dependent', 'none'],
    description: 'the second-surgical-opinion answer; none when no procedure is named',
  },
  hasSpecialist: { type: 'boolean', description: 'a specialist was recommended for the second opinion' },
  deadlinePassed: { type: 'boolean', description: 'asOf is after the deadline' },
  careSteps: {
    type: 'string[]',
    values: ['continue_benefits', 'fast_review'],
    description: 'the steps that keep care going which the deadline answer dates (`careSteps` kinds)',
  },
  hasStateRegulator: {
    type: 'boolean',
    description: "the state's rule file names a regulator for this plan (its name fills {regulator})",
  },
} as const satisfies Record<string, FactDefinition>;

/** The facts of one case, as the checklist rules see them. */
export type ChecklistFacts = {
  [Name in keyof typeof CHECKLIST_FACTS]: (typeof CHECKLIST_FACTS)[Name] extends { type: 'boolean' }
    ? boolean
    : (typeof CHECKLIST_FACTS)[Name] extends { type: 'string[]' }
      ? string[]
      : string;
};

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Text with `{placeholders}` from {@link TEMPLATE_FIELDS} only; an unknown one is refused at load. */
const template = lazySchema(() =>
  z
    .string()
    .trim()
    .min(3)
    .superRefine((text, ctx) => {
      for (const [, name] of text.matchAll(PLACEHOLDER)) {
        if (!(TEMPLATE_FIELDS as readonly string[]).includes(name as string)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder {${name}}; known: ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}`,
          });
        }
      }
    }),
);

/**
 * When a dated item is due: `offsetDays` after the clock start (negative: before the deadline when the
 * anchor is `deadline`). The date is then kept between today (or the clock start) and the deadline.
 */
const dueSchema = lazySchema(() =>
  z
    .object({
      /** `continue_benefits` / `fast_review`: the due date of that care step, as the deadline answer gives it. */
      anchor: z.enum(['clock_start', 'deadline', 'continue_benefits', 'fast_review']),
      offsetDays: z.number().int().min(-365).max(365),
    })
    .strict(),
);

const sendToSchema = lazySchema(() =>
  z
    .object({
      /** The body, as its source names it: `U.S. Office of Personnel Management (OPM)`. */
      name: z.string().trim().min(1).max(200),
      url: z.url({ protocol: /^https?$/ }).optional(),
      /** The postal address, where the source gives one. */
      address: z.string().trim().min(1).max(300).optional(),
      /** The form the body uses, where it has one: `CMS-20033`. */
      form: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
);

const checklistEventSchema = lazySchema(() =>
  z
    .object({
      type: z.literal('checklist_item'),
      params: z
        .object({
          item: z.enum(CHECKLIST_ITEM_IDS),
          title: template,
          why: template,
          priority: z.enum(CHECKLIST_PRIORITIES),
          phase: z.enum(CHECKLIST_PHASES),
          due: dueSchema.optional(),
          /** Cite the answer this item rests on (the deadline rule, the decision time, the surgical-opinion program) when it has a citation. */
          citeFrom: z
            .enum(['deadline', 'decisionDue', 'sso', 'continue_benefits', 'fast_review', 'regulator'])
            .optional(),
          /** Shown with the item when the rule is not confirmed. */
          warning: z.string().trim().min(1).optional(),
          /** Where a letter for this step goes, when the rule's own source names the body (the letters address it). */
          sendTo: sendToSchema.optional(),
          /** The plan takes this step itself (Medicare Advantage forwards to the review entity): no letter to send. */
          automatic: z.literal(true).optional(),
        })
        .strict(),
    })
    .strict(),
);

export type ChecklistEvent = z.infer<typeof checklistEventSchema>;
export type ChecklistRule = DecisionRule<ChecklistEvent>;
/** What a checklist rule says of its item. */
export type ChecklistParams = ChecklistEvent['params'];

export const itemsFileSchema = lazySchema(() =>
  decisionRuleFileSchema(CHECKLIST_FACTS, checklistEventSchema).superRefine((file, ctx) => {
    file.rules.forEach((rule, index) => {
      if (rule.status !== 'confirmed' && !rule.event.params.warning) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'event', 'params', 'warning'],
          message: 'an unconfirmed or conflicting rule needs a `warning` that explains it to the reader',
        });
      }
    });
  }),
);

/** The compiled checklist domain. */
export interface ChecklistRules {
  rules: readonly ChecklistRule[];
  compiled: readonly CompiledRule<ChecklistEvent>[];
  /** The same rules, indexed by the value each needs (the compiled engine tests only those that can fire). */
  index: IndexedRules<ChecklistEvent>;
  /** What building each rule's item needs, worked out once, by rule ({@link checklistStepOf}). */
  steps: ReadonlyMap<ChecklistRule, ChecklistStep>;
}

/** What building a rule's item needs of the rule, worked out once per rule set rather than per item. */
export interface ChecklistStep {
  /** The rule's params with every field present ({@link paramsInOneShape}). */
  params: ChecklistParams;
  /** The item's rank among the items (CHECKLIST_ITEM_IDS). */
  itemRank: number;
  /** Its place in the checklist: its phase's rank, then its item's (`itemRank`). */
  order: number;
  /** The title and why cut into text and `{name}` parts, names at odd indexes (`['Ask ', 'regulator', ' for …']`). */
  title: readonly string[];
  why: readonly string[];
}

/** A rule's {@link ChecklistStep}. */
function checklistStepOf(rule: ChecklistRule): ChecklistStep {
  const params = paramsInOneShape(rule.event.params);
  const itemRank = CHECKLIST_ITEM_IDS.indexOf(params.item);
  return {
    params,
    itemRank,
    order: CHECKLIST_PHASES.indexOf(params.phase) * CHECKLIST_ITEM_IDS.length + itemRank,
    title: templateParts(params.title),
    why: templateParts(params.why),
  };
}

/** A template cut into its text and `{name}` parts, names at odd indexes. */
function templateParts(text: string): readonly string[] {
  return text.split(/\{([A-Za-z]+)\}/);
}

/**
 * A rule's item fields with every field present (undefined where the rule gives none), in the schema's order. The
 * rules' own come in ten shapes, one per set of optional fields, and each item read them all: lookups V8 cannot
 * specialise, on every case. The rules themselves stay as written.
 */
function paramsInOneShape(params: ChecklistParams): ChecklistParams {
  const shaped: EveryField<ChecklistParams> = {
    item: params.item,
    title: params.title,
    why: params.why,
    priority: params.priority,
    phase: params.phase,
    due: params.due,
    citeFrom: params.citeFrom,
    warning: params.warning,
    sendTo: params.sendTo,
    automatic: params.automatic,
  };
  return shaped;
}

/** Validates and compiles the checklist rules; records every problem in `collector`. */
export function compileChecklist(
  files: { items: string },
  read: (path: string) => unknown,
  collector: IssueCollector,
): ChecklistRules | undefined {
  const file = collector.parseFile(files.items, itemsFileSchema, read(files.items));
  if (!file) return undefined;
  const rules = file.rules as ChecklistRule[];
  const compiled = compileRules(rules);
  return {
    rules,
    compiled,
    index: indexRules(compiled),
    steps: new Map(rules.map((rule) => [rule, checklistStepOf(rule)])),
  };
}
