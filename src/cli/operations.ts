/**
 * The operations the MCP server (`overturn mcp`) and the HTTP API (`overturn serve`) offer, once: each with its
 * tool name and path, its words for a reader, the library schema of its input, what runs it, and a short
 * summary of its answer. Both servers are thin adapters over this list, so they cannot drift apart.
 */
import * as z from 'zod';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import { caseInputSchema } from '../buildChecklist/schema.js';
import type { CaseInput } from '../buildChecklist/types.js';
import { denialInputSchema } from '../classifyDenial/schema.js';
import { deadlineInputSchema } from '../computeAppealDeadline/schema.js';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { parseInput } from '../errors.js';
import { createOverturn, toICalendar } from '../index.js';
import type { Letter } from '../letters/types.js';
import { specialistInputSchema } from '../recommendSpecialist/schema.js';
import type { SpecialistRecommendation } from '../recommendSpecialist/types.js';
import { ssoInputSchema } from '../requiresSecondSurgicalOpinion/schema.js';
import type { SsoDecision } from '../requiresSecondSurgicalOpinion/types.js';
import type { AppealDeadline, DenialClassification } from '../types.js';
import { letterPdf } from './letterPdf.js';
import { caseRequestSchema, draftLetterOf, letterRequestSchema } from './letterRequests.js';

/** One operation: what it is called, what it takes, what runs it. */
export interface Operation {
  /** The MCP tool name. */
  tool: string;
  /** The HTTP path (POST). */
  path: string;
  title: string;
  description: string;
  /** The library's schema of the input: advertised as JSON Schema; the library itself checks the input. */
  schema: z.ZodType;
  /** Runs the operation on an input as received; throws `OverturnError` on a bad one. */
  run: (input: unknown) => object;
  /** The answer in a few readable lines. */
  summary: (answer: never) => string;
  /** The answer on paper, where it is a document (the letter): what an HTTP client gets with `Accept: application/pdf`. */
  pdf?: (answer: never) => Promise<Uint8Array>;
}

/**
 * The operations, bound to a rule set. `today` fills in `asOf` where an input leaves it out (days remaining
 * need today's date; the library itself never reads the clock).
 *
 * @example
 * ```ts
 * const [classify] = operationsOf({ today: () => '2026-12-02' });
 * classify.run({ codes: ['CO-50'] }); // the DenialClassification
 * ```
 */
export function operationsOf(options: { today: () => string; rules?: RuleSetSource }): Operation[] {
  const overturn = createOverturn(options.rules ? { rules: options.rules } : {});
  const withToday = (input: unknown): unknown =>
    input &&
    typeof input === 'object' &&
    !Array.isArray(input) &&
    (input as { asOf?: unknown }).asOf === undefined
      ? { ...input, asOf: options.today() }
      : input;
  const analyze = (input: unknown) => overturn.analyzeCase(withToday(input) as CaseInput);
  const words = (value: string) => value.replaceAll('_', ' ');
  return [
    {
      tool: 'classify_denial',
      path: '/v1/classify',
      title: 'Classify a health-insurance denial',
      description:
        'What kind of denial this is (from its CARC/RARC codes and/or the letter text): the category, whether it is a clinical dispute an independent specialist can overturn or an administrative one to fix and resubmit, whether federal external review is open to it, and the codes and phrases behind the answer.',
      schema: denialInputSchema,
      run: (input) => overturn.classifyDenial(input as never),
      summary: (result: DenialClassification) =>
        `${words(result.category)} (${result.disputeKind}, confidence ${result.confidence}); a second opinion ${result.secondOpinionHelps ? 'can help' : 'will not help'}.`,
    },
    {
      tool: 'compute_appeal_deadline',
      path: '/v1/deadline',
      title: 'Compute the last day to appeal',
      description:
        'The last day to appeal at the next level, calendar-exact, for the plan type (and state), with the regulation it comes from. asOf (today) defaults to the server date.',
      schema: deadlineInputSchema,
      run: (input) => overturn.computeAppealDeadline(withToday(input) as never),
      summary: (result: AppealDeadline) =>
        `${words(result.level)}: file by ${result.deadline} (${result.citation}).`,
    },
    {
      tool: 'recommend_specialist',
      path: '/v1/specialist',
      title: 'Recommend the specialist for a second opinion',
      description:
        'Which medical specialty should give an independent second opinion, from ICD-10-CM codes, the condition in plain words, the denied procedure or drug, the claim type and the patient age.',
      schema: specialistInputSchema,
      run: (input) => overturn.recommendSpecialist(input as never),
      summary: (result: SpecialistRecommendation) =>
        `${result.specialty.name}${result.subspecialty ? ` (${result.subspecialty.name})` : ''}, NUCC ${result.specialty.taxonomyCode}; confidence ${result.confidence}.`,
    },
    {
      tool: 'check_second_surgical_opinion',
      path: '/v1/second-surgical-opinion',
      title: 'Check whether a second surgical opinion is required',
      description:
        'Whether the plan requires a second surgical opinion before this procedure (required, not required, or up to the plan), with the rule and any penalty.',
      schema: ssoInputSchema,
      run: (input) => overturn.requiresSecondSurgicalOpinion(input as never),
      summary: (result: SsoDecision) => `${words(result.requirement)}: ${result.reason}`,
    },
    {
      tool: 'analyze_case',
      path: '/v1/analyze',
      title: 'Analyse a denial case',
      description:
        'The whole plan for a denial case: the classification, the specialist, the appeal deadline, the second-surgical-opinion answer and a dated checklist of steps, each with its regulation. asOf (today) defaults to the server date.',
      schema: caseInputSchema,
      run: analyze,
      summary: analysisSummary,
    },
    {
      tool: 'draft_letter',
      path: '/v1/letter',
      title: 'Draft a letter for a denial case',
      description:
        'Drafts a letter the case\'s checklist calls for: the claim-file request (kind "records"), the appeal or correction letter ("appeal"), the urgent appeal request ("expedited"), the external review request ("external-review"), the complaint to the regulator ("complaint"), the outline of the physician\'s letter of medical necessity ("medical-necessity") or the briefing for the second-opinion specialist ("specialist-briefing"), in Markdown and plain text, quoting the case\'s facts and citing only the rules that govern the plan. Facts the case does not hold stay as [placeholders]; a letter the case does not call for is refused, saying why.',
      schema: letterRequestSchema,
      run: (raw) => {
        const input = parseInput(letterRequestSchema, raw);
        return draftLetterOf(input.kind, analyze(input.case), input.parties, input.evidence);
      },
      summary: (letter: Letter) => letter.markdown,
      pdf: async (letter: Letter) => (await letterPdf(letter)).bytes,
    },
    {
      tool: 'export_calendar',
      path: '/v1/calendar',
      title: 'Export the dated steps as a calendar',
      description:
        'The dated steps of a case as an iCalendar (.ics) text, each with a reminder 7 days before.',
      schema: caseRequestSchema,
      run: (raw) => ({ ics: toICalendar(analyze(parseInput(caseRequestSchema, raw).case)) }),
      summary: (answer: { ics: string }) => answer.ics,
    },
  ];
}

/** An operation's input as JSON Schema, for a tool listing or an OpenAPI request body. */
export function inputJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _draft, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
}

function analysisSummary(analysis: CaseAnalysis): string {
  const lines = [
    `Denial: ${analysis.classification.category.replaceAll('_', ' ')} (${analysis.classification.disputeKind}).`,
    `Appeal by ${analysis.deadline.deadline} (${analysis.deadline.level.replaceAll('_', ' ')}; ${analysis.deadline.citation}).`,
  ];
  if (analysis.specialist) lines.push(`Second opinion from: ${analysis.specialist.specialty.name}.`);
  for (const item of analysis.checklist.items)
    lines.push(`- ${item.dueDate ? `${item.dueDate}: ` : ''}${item.title}`);
  return lines.join('\n');
}
