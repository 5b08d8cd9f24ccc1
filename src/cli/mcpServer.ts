/**
 * `overturn mcp`: the library as Model Context Protocol tools, over stdio, for AI assistants. Each tool takes
 * the library's own input (its JSON Schema is generated from the library's zod schema, so an assistant sees the
 * fields, enums and limits the library checks) and answers with the library's own result as structured
 * content, plus a short readable summary. A refused input is a tool error naming each issue's path, as
 * `OverturnError` does; nothing is logged (inputs are health data).
 *
 * Built on the official SDK (`@modelcontextprotocol/sdk`), bundled into the command. Its low-level server is
 * used rather than its tool helper, which would validate arguments itself and answer a refusal in its own
 * words: here the library validates, and a refusal carries the library's code and issues.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { caseInputSchema } from '../buildChecklist/schema.js';
import type { CaseInput } from '../buildChecklist/types.js';
import { denialInputSchema } from '../classifyDenial/schema.js';
import { deadlineInputSchema } from '../computeAppealDeadline/schema.js';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { parseInput } from '../errors.js';
import { createOverturn, type Overturn, OverturnError, toICalendar } from '../index.js';
import { specialistInputSchema } from '../recommendSpecialist/schema.js';
import { ssoInputSchema } from '../requiresSecondSurgicalOpinion/schema.js';
import { caseRequestSchema, draftLetterOf, letterRequestSchema } from './letterRequests.js';

/** What a tool gives back: the library's answer, and the lines an assistant can quote. */
interface Answer {
  value: object;
  summary: string;
}

/**
 * The overturn MCP server: the tools, bound to a rule set. `today` fills in `asOf` where an input leaves it
 * out (a deadline's days remaining need today's date; the library itself never reads the clock).
 *
 * @example
 * ```ts
 * const server = createMcpServer({ version: '0.1.0', today: () => '2026-12-02' });
 * await server.connect(new StdioServerTransport());
 * ```
 */
export function createMcpServer(options: {
  version: string;
  today: () => string;
  rules?: RuleSetSource;
}): Server {
  const overturn: Overturn = createOverturn(options.rules ? { rules: options.rules } : {});
  const withToday = <T extends object>(input: T): T =>
    (input as { asOf?: unknown }).asOf === undefined ? { ...input, asOf: options.today() } : input;
  const tools = new Map<string, { tool: Tool; run: (input: never) => Answer }>();
  const tool = <Schema extends z.ZodType>(
    name: string,
    title: string,
    description: string,
    inputSchema: Schema,
    run: (input: z.output<Schema>) => Answer,
  ) => {
    // The JSON Schema an assistant reads; the library checks the input itself (refinements included).
    const { $schema: _draft, ...schema } = z.toJSONSchema(inputSchema, {
      io: 'input',
      unrepresentable: 'any',
    });
    tools.set(name, {
      tool: { name, title, description, inputSchema: schema as Tool['inputSchema'] },
      run: run as never,
    });
  };

  tool(
    'classify_denial',
    'Classify a health-insurance denial',
    'What kind of denial this is (from its CARC/RARC codes and/or the letter text): the category, whether it is a clinical dispute an independent specialist can overturn or an administrative one to fix and resubmit, whether federal external review is open to it, and the codes and phrases behind the answer.',
    denialInputSchema,
    (input) => {
      const result = overturn.classifyDenial(input);
      return {
        value: result,
        summary: `${result.category.replaceAll('_', ' ')} (${result.disputeKind}, confidence ${result.confidence}); a second opinion ${result.secondOpinionHelps ? 'can help' : 'will not help'}.`,
      };
    },
  );
  tool(
    'compute_appeal_deadline',
    'Compute the last day to appeal',
    'The last day to appeal at the next level, calendar-exact, for the plan type (and state), with the regulation it comes from. asOf (today) defaults to the server date.',
    deadlineInputSchema,
    (input) => {
      const result = overturn.computeAppealDeadline(withToday(input));
      return {
        value: result,
        summary: `${result.level.replaceAll('_', ' ')}: file by ${result.deadline} (${result.citation}).`,
      };
    },
  );
  tool(
    'recommend_specialist',
    'Recommend the specialist for a second opinion',
    'Which medical specialty should give an independent second opinion, from ICD-10-CM codes, the condition in plain words, the denied procedure or drug, the claim type and the patient age.',
    specialistInputSchema,
    (input) => {
      const result = overturn.recommendSpecialist(input);
      const sub = result.subspecialty ? ` (${result.subspecialty.name})` : '';
      return {
        value: result,
        summary: `${result.specialty.name}${sub}, NUCC ${result.specialty.taxonomyCode}; confidence ${result.confidence}.`,
      };
    },
  );
  tool(
    'check_second_surgical_opinion',
    'Check whether a second surgical opinion is required',
    'Whether the plan requires a second surgical opinion before this procedure (required, not required, or up to the plan), with the rule and any penalty.',
    ssoInputSchema,
    (input) => {
      const result = overturn.requiresSecondSurgicalOpinion(input);
      return { value: result, summary: `${result.requirement.replaceAll('_', ' ')}: ${result.reason}` };
    },
  );
  tool(
    'analyze_case',
    'Analyse a denial case',
    'The whole plan for a denial case: the classification, the specialist, the appeal deadline, the second-surgical-opinion answer and a dated checklist of steps, each with its regulation. asOf (today) defaults to the server date.',
    caseInputSchema,
    (input) => {
      const analysis = overturn.analyzeCase(withToday(input) as CaseInput);
      return { value: analysis, summary: analysisSummary(analysis) };
    },
  );
  tool(
    'draft_letter',
    'Draft a letter for a denial case',
    'Drafts the claim-file request (kind "records"), the appeal or correction letter (kind "appeal") or the urgent appeal request (kind "expedited") for a case, in Markdown and plain text, citing only the rules that govern the plan. Facts the case does not hold stay as [placeholders].',
    letterRequestSchema,
    (raw) => {
      const input = parseInput(letterRequestSchema, raw);
      const analysis = overturn.analyzeCase(withToday(input.case) as CaseInput);
      const letter = draftLetterOf(input.kind, analysis, input.parties);
      return { value: letter, summary: letter.markdown };
    },
  );
  tool(
    'export_calendar',
    'Export the dated steps as a calendar',
    'The dated steps of a case as an iCalendar (.ics) text, each with a reminder 7 days before.',
    caseRequestSchema,
    (raw) => {
      const input = parseInput(caseRequestSchema, raw);
      const ics = toICalendar(overturn.analyzeCase(withToday(input.case) as CaseInput));
      return { value: { ics }, summary: ics };
    },
  );

  const server = new Server({ name: 'overturn', version: options.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...tools.values()].map(({ tool: listed }) => listed),
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const found = tools.get(request.params.name);
    if (!found) {
      const unknown: CallToolResult = {
        isError: true,
        content: [{ type: 'text', text: `no tool named ${request.params.name}` }],
      };
      return unknown;
    }
    return respond(() => found.run((request.params.arguments ?? {}) as never));
  });
  return server;
}

/** Runs a tool: its answer as structured content and text, or a refusal as a tool error naming each path. */
function respond(answer: () => Answer): CallToolResult {
  try {
    const { value, summary } = answer();
    return {
      content: [{ type: 'text', text: summary }],
      structuredContent: value as Record<string, unknown>,
    };
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    const issues = error.issues.map((issue) => `- ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return {
      isError: true,
      content: [{ type: 'text', text: `${error.code}\n${issues.join('\n')}` }],
      structuredContent: { code: error.code, issues: error.issues },
    };
  }
}

function analysisSummary(analysis: ReturnType<Overturn['analyzeCase']>): string {
  const lines = [
    `Denial: ${analysis.classification.category.replaceAll('_', ' ')} (${analysis.classification.disputeKind}).`,
    `Appeal by ${analysis.deadline.deadline} (${analysis.deadline.level.replaceAll('_', ' ')}; ${analysis.deadline.citation}).`,
  ];
  if (analysis.specialist) lines.push(`Second opinion from: ${analysis.specialist.specialty.name}.`);
  for (const item of analysis.checklist.items)
    lines.push(`- ${item.dueDate ? `${item.dueDate}: ` : ''}${item.title}`);
  return lines.join('\n');
}

/** `overturn mcp`: serves the tools on stdin/stdout until the client closes them. */
export async function serveMcp(options: {
  version: string;
  today: () => string;
  rules?: RuleSetSource;
}): Promise<void> {
  const server = createMcpServer(options);
  await server.connect(new StdioServerTransport());
}
