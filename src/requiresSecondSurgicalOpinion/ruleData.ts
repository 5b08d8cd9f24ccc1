import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { onePerPlanType } from '../_lib/onePerPlanType.js';
import { US_STATES } from '../computeAppealDeadline/states.js';
import { checkEffectiveRange, nonConfirmedNeedsWarning, provenanceShape } from '../engine/provenance.js';
import type { IssueCollector } from '../engine/ruleSet.js';
import { tableFileSchema } from '../engine/tables.js';
import { PLAN_TYPES, type PlanType } from '../types.js';
import { asCode, buildList, type ProcedureList, readEntry, termKey, Vocabulary } from './procedures.js';
import { SSO_REQUIREMENTS } from './types.js';

const planTypes = lazySchema(() => z.array(z.enum(PLAN_TYPES)).min(1));
const text = lazySchema(() => z.string().trim().min(1));
const state = lazySchema(() => z.enum(US_STATES));
const code = lazySchema(() =>
  z.string().refine((value) => asCode(value) === value, {
    message: 'a bare HCPCS/CPT code in capitals, such as 27447',
  }),
);

// ---- procedures.json: the vocabulary ----------------------------------------------------------------

const conceptRowSchema = lazySchema(() =>
  z
    .object({
      ...provenanceShape(),
      /** How the concept reads in messages and docs. */
      name: text,
      /** Full synonyms: each term names exactly this concept (a kind of it goes in `narrower`). */
      terms: z.array(text.refine((term) => termKey(term) !== '', 'a term needs letters or digits')).min(1),
      /** Ids of the concepts that are kinds of this one (a knee replacement is a kind of knee surgery). */
      narrower: z.array(provenanceShape().id).optional(),
      warning: text.optional(),
    })
    .strict()
    .superRefine(nonConfirmedNeedsWarning),
);

/**
 * A concept of `procedures.json`: a procedure name, its full synonyms and its narrower kinds.
 *
 * @example
 * ```json
 * { "id": "proc.cholecystectomy", "name": "cholecystectomy", "terms": ["cholecystectomy", "gallbladder removal"], "verifiedOn": "2026-11-25" }
 * ```
 */
export type ConceptRow = z.infer<typeof conceptRowSchema>;

export const proceduresFileSchema = lazySchema(() =>
  tableFileSchema('sso-procedures', conceptRowSchema, (rows, ctx) => {
    const ids = new Map(rows.map((row, index) => [row.id, index]));
    const terms = new Map<string, string>();
    rows.forEach((row, index) => {
      row.terms.forEach((term, termIndex) => {
        const key = termKey(term);
        const owner = terms.get(key);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'terms', termIndex],
            message: `"${term}" is already a term of ${owner}: a term names one concept`,
          });
        }
        terms.set(key, row.id);
        if (key.split(' ').some((word) => asCode(word) !== undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'terms', termIndex],
            message: `"${term}" contains a procedure code: codes belong in code lists, never in the vocabulary`,
          });
        }
      });
    });
    rows.forEach((row, index) => {
      row.narrower?.forEach((child, childIndex) => {
        if (!ids.has(child) || child === row.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'narrower', childIndex],
            message: child === row.id ? 'a concept is not narrower than itself' : `unknown concept ${child}`,
          });
        }
      });
    });
    // A concept must never be narrower than itself through others.
    const narrower = new Map(rows.map((row) => [row.id, row.narrower ?? []]));
    const state = new Map<string, 'open' | 'done'>();
    const visit = (id: string, trail: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'open') {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', ids.get(id) ?? 0, 'narrower'],
          message: `narrower concepts form a cycle: ${[...trail, id].join(' → ')}`,
        });
        return;
      }
      state.set(id, 'open');
      for (const child of narrower.get(id) ?? [])
        if (ids.has(child) && child !== id) visit(child, [...trail, id]);
      state.set(id, 'done');
    };
    for (const row of rows) visit(row.id, []);
  }),
);

// ---- programs.json: defaults, lists, programs, coverage, cautions -------------------------------------

const undated = (row: { effectiveFrom?: string; effectiveTo?: string }, ctx: z.RefinementCtx) => {
  if (row.effectiveFrom || row.effectiveTo) {
    ctx.addIssue({
      code: 'custom',
      path: [row.effectiveFrom ? 'effectiveFrom' : 'effectiveTo'],
      message: 'a default row is never dated: it is the answer when nothing else applies',
    });
  }
};

const defaultRowSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('default'),
      ...provenanceShape(),
      planTypes,
      requirement: z.enum(SSO_REQUIREMENTS),
      /** The answer in plain words. */
      reason: text,
      warning: text.optional(),
    })
    .strict()
    .superRefine(undated)
    .superRefine(nonConfirmedNeedsWarning),
);

/**
 * A plan type's answer when no program and no plan list decides.
 *
 * @example
 * ```json
 * { "kind": "default", "id": "sso.default.medicare-advantage", "planTypes": ["medicare_advantage"], "requirement": "plan_dependent", "reason": "…", … }
 * ```
 */
export type DefaultRow = z.infer<typeof defaultRowSchema>;

const listRowSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('procedure_list'),
      ...provenanceShape(),
      /** Whether the source lists procedures by name or by billing code. */
      by: z.enum(['name', 'code']),
      /** False when the rule set holds only part of the source's list (or none of it). */
      complete: z.boolean(),
      /** Names exactly as the source gives them; each must be a term of the vocabulary. */
      names: z.array(text).optional(),
      codes: z.array(code).optional(),
      warning: text.optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine((row, ctx) => {
      const wrong = row.by === 'name' ? 'codes' : 'names';
      if (row[wrong] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [wrong],
          message: `a list by ${row.by} has no ${wrong}`,
        });
      }
      if (row.complete && !(row.by === 'name' ? row.names : row.codes)?.length) {
        ctx.addIssue({ code: 'custom', path: ['complete'], message: 'an empty list cannot be complete' });
      }
    }),
);

/**
 * A program's procedure list, by name or by billing code, complete or not.
 *
 * @example
 * ```json
 * { "kind": "procedure_list", "id": "sso.list.nj-medicaid", "by": "code", "complete": false, "codes": [], … }
 * ```
 */
export type ListRow = z.infer<typeof listRowSchema>;

const programRowSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('program'),
      ...provenanceShape(),
      /** The program's name in messages (`North Carolina Medicaid`). */
      name: text,
      planTypes,
      /** The program applies only to people in this state. */
      state: state.optional(),
      /** Whether the program covers the procedures of a list or every procedure. */
      appliesTo: z.enum(['listed_procedures', 'all_procedures']),
      /** The id of the program's procedure list (`procedure_list` row). */
      list: provenanceShape().id.optional(),
      /** The answer for a procedure in scope: `required` for a list; either for every procedure. */
      requirement: z.enum(['required', 'not_required']),
      /**
       * For a procedure not on the list: `not_required` (the list is complete, so the program settles it),
       * `plan_dependent` (the list is not all in the rule set), `defer` (the plan's own rules decide).
       */
      whenNotListed: z.enum(['not_required', 'plan_dependent', 'defer']).optional(),
      /** Shown when `whenNotListed` is `plan_dependent` and the procedure was not found; `{procedure}` is replaced. */
      notListedWarning: text.optional(),
      /** What happens when a required opinion is skipped, where the source states it. */
      penalty: text.optional(),
      /** The program's own statement that urgent or emergency surgery is exempt, and on what condition. */
      urgentExemption: text.optional(),
      /** For `all_procedures`: the answer in plain words. */
      reason: text.optional(),
      warning: text.optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning)
    .superRefine((row, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (row.appliesTo === 'listed_procedures') {
        if (!row.list) issue('list', 'a program for listed procedures names its `list`');
        if (!row.whenNotListed)
          issue('whenNotListed', 'a program for listed procedures says `whenNotListed`');
        if (row.requirement !== 'required')
          issue('requirement', 'a program lists the procedures it requires');
        if (row.reason) issue('reason', 'the reason of a listed program is built from the match');
      } else {
        if (row.list || row.whenNotListed) issue('list', 'a program for all procedures has no list');
        if (!row.reason) issue('reason', 'a program for all procedures gives its `reason`');
      }
      if (row.whenNotListed === 'plan_dependent' && !row.notListedWarning) {
        issue('notListedWarning', 'an unsettled answer needs a `notListedWarning` that names the list');
      }
      if (row.requirement === 'not_required' && (row.penalty || row.urgentExemption)) {
        issue('penalty', 'a program that requires nothing has no penalty or exemption');
      }
    }),
);

/**
 * A mandatory second-surgical-opinion program (a state Medicaid program), dated where the law changed.
 *
 * @example
 * ```json
 * { "kind": "program", "id": "sso.nc-medicaid", "state": "NC", "appliesTo": "listed_procedures", "list": "sso.list.nc-medicaid", … }
 * ```
 */
export type ProgramRow = z.infer<typeof programRowSchema>;

const planListRowSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('plan_list'),
      id: provenanceShape().id,
      citation: provenanceShape().citation,
      sourceUrl: provenanceShape().sourceUrl,
      verifiedOn: provenanceShape().verifiedOn,
      status: provenanceShape().status,
      note: z.string().optional(),
      warning: text.optional(),
    })
    .strict()
    .superRefine(nonConfirmedNeedsWarning),
);

/**
 * How an answer from the caller's own list (`planSsoProcedures`) is cited.
 *
 * @example
 * ```json
 * { "kind": "plan_list", "id": "sso.plan-list", "citation": "The plan's own list …", "verifiedOn": "2026-11-25", "status": "confirmed" }
 * ```
 */
export type PlanListRow = z.infer<typeof planListRowSchema>;

const coverageRowSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('coverage'),
      ...provenanceShape(),
      planTypes,
      state: state.optional(),
      /** How the second opinion itself is paid for, in plain words. */
      coverage: text,
      warning: text.optional(),
    })
    .strict()
    .superRefine(checkEffectiveRange)
    .superRefine(nonConfirmedNeedsWarning),
);

/**
 * How the second opinion itself is paid for (Medicare Part B, state mandates).
 *
 * @example
 * ```json
 * { "kind": "coverage", "id": "sso.coverage.ri", "planTypes": ["individual_market"], "state": "RI", "coverage": "…", … }
 * ```
 */
export type CoverageRow = z.infer<typeof coverageRowSchema>;

const cautionRowSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('caution'),
      ...provenanceShape(),
      planTypes,
      /** Shown whenever the answer is not `not_required` for these plan types. */
      warning: text,
    })
    .strict()
    .superRefine(checkEffectiveRange),
);

/**
 * A claim seen in sources that the rule set does not confirm, shown only as a warning.
 *
 * @example
 * ```json
 * { "kind": "caution", "id": "sso.caution.fifty-percent-reduction", "status": "unconfirmed", "warning": "…", … }
 * ```
 */
export type CautionRow = z.infer<typeof cautionRowSchema>;

const programRowsSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    defaultRowSchema,
    listRowSchema,
    programRowSchema,
    planListRowSchema,
    coverageRowSchema,
    cautionRowSchema,
  ]),
);

export const programsFileSchema = lazySchema(() =>
  tableFileSchema('sso-programs', programRowsSchema, (rows, ctx) => {
    onePerPlanType(rows, ctx, {
      marked: (row) => (row.kind === 'default' ? row.planTypes : undefined),
      field: 'planTypes',
      twice: (planType) => `${planType} already has a default row`,
      none: (planType) => `no default row for ${planType}`,
    });
    if (rows.filter((row) => row.kind === 'plan_list').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'exactly one `plan_list` row is needed' });
    }
  }),
);

/**
 * A program with its list compiled.
 *
 * @example
 * ```ts
 * ruleSet.sso.programs.find(({ row }) => row.id === 'sso.nc-medicaid')?.list?.procedures.by; // 'name'
 * ```
 */
export interface CompiledProgram {
  row: ProgramRow;
  list?: { row: ListRow; procedures: ProcedureList };
}

/**
 * The second-surgical-opinion domain of a rule set, validated and indexed.
 *
 * @example
 * ```ts
 * compileRuleSet(defaultRuleSetSource).sso.defaults.get('medicare_original')?.requirement; // 'not_required'
 * ```
 */
export interface SsoRules {
  vocabulary: Vocabulary;
  defaults: ReadonlyMap<PlanType, DefaultRow>;
  /** In file order: the first program that decides is cited first. */
  programs: readonly CompiledProgram[];
  planList: PlanListRow;
  coverage: readonly CoverageRow[];
  cautions: readonly CautionRow[];
}

/**
 * The files of the domain, as the manifest names them.
 *
 * @example
 * ```ts
 * const files: SsoFiles = { programs: 'sso/programs.json', procedures: 'sso/procedures.json' };
 * ```
 */
export interface SsoFiles {
  programs: string;
  procedures: string;
}

/**
 * Validates and compiles the second-surgical-opinion files; records every problem in `collector`.
 *
 * @example
 * ```ts
 * const sso = compileSso(manifest.domains.sso, read, collector); // undefined when a file is invalid
 * ```
 */
export function compileSso(
  files: SsoFiles,
  read: (path: string) => unknown,
  collector: IssueCollector,
): SsoRules | undefined {
  const procedures = collector.parseFile(files.procedures, proceduresFileSchema, read(files.procedures));
  const programs = collector.parseFile(files.programs, programsFileSchema, read(files.programs));
  if (!procedures || !programs) return undefined;

  const vocabulary = new Vocabulary(procedures.rows);
  const lists = new Map<string, { row: ListRow; procedures: ProcedureList }>();
  let valid = true;
  const checking = collector.checksFiles;
  programs.rows.forEach((row, index) => {
    if (row.kind !== 'procedure_list') return;
    // A proven (bundled) rule set cannot fail this check (test/engine.ruleSet.test.ts runs it): left out for it.
    if (checking) {
      row.names?.forEach((name, nameIndex) => {
        if (vocabulary.conceptOf(name) === undefined) {
          valid = false;
          collector.add({
            file: files.programs,
            ruleId: row.id,
            path: ['rows', index, 'names', nameIndex],
            message: `"${name}" is not a term of ${files.procedures}: add it to a concept there`,
          });
        }
      });
    }
    // Each list is read when a program first needs it: most cases meet none of the state lists, and reading
    // them all looked up every term of the vocabulary on a first call.
    let list: ProcedureList | undefined;
    lists.set(row.id, {
      row,
      get procedures() {
        list ??= buildList(
          [...(row.names ?? []), ...(row.codes ?? [])].map((entry) => readEntry(vocabulary, entry)),
          row.by,
        );
        return list;
      },
    });
  });

  const compiled: CompiledProgram[] = [];
  programs.rows.forEach((row, index) => {
    if (row.kind !== 'program') return;
    if (row.list === undefined) {
      compiled.push({ row });
      return;
    }
    const list = lists.get(row.list);
    if (!list) {
      valid = false;
      collector.add({
        file: files.programs,
        ruleId: row.id,
        path: ['rows', index, 'list'],
        message: `unknown procedure list ${row.list}`,
      });
      return;
    }
    if (row.whenNotListed === 'not_required' && !list.row.complete) {
      valid = false;
      collector.add({
        file: files.programs,
        ruleId: row.id,
        path: ['rows', index, 'whenNotListed'],
        message: `${row.list} is not complete, so a procedure missing from it cannot be answered "not_required"`,
      });
    }
    compiled.push({ row, list });
  });
  if (!valid) return undefined;

  const defaults = new Map<PlanType, DefaultRow>();
  for (const row of programs.rows) {
    if (row.kind === 'default') for (const planType of row.planTypes) defaults.set(planType, row);
  }
  const planList = programs.rows.find((row) => row.kind === 'plan_list');
  if (!planList) return undefined; // refused by the file schema
  return {
    vocabulary,
    defaults,
    programs: compiled,
    planList,
    coverage: programs.rows.filter((row) => row.kind === 'coverage'),
    cautions: programs.rows.filter((row) => row.kind === 'caution'),
  };
}
