/**
 * `overturn mcp`: the library as Model Context Protocol tools, over stdio, for AI assistants. Each tool takes
 * the library's own input (its JSON Schema is generated from the library's zod schema, so an assistant sees the
 * fields, enums and limits the library checks) and answers with the library's own result as structured
 * content, plus a short readable summary. A refused input is a tool error naming each issue's path, as
 * `OverturnError` does; nothing is logged (inputs are health data). The tools are the operations of
 * `operations.ts`, which the HTTP API serves too.
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
import type { RuleSetSource } from '../engine/ruleSet.js';
import { OverturnError } from '../index.js';
import { inputJsonSchema, type Operation, operationsOf } from './operations.js';

/**
 * The overturn MCP server: the tools, bound to a rule set. `today` fills in `asOf` where an input leaves it
 * out.
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
  const operations = new Map(operationsOf(options).map((operation) => [operation.tool, operation]));
  const tools: Tool[] = [...operations.values()].map(({ tool, title, description, schema }) => ({
    name: tool,
    title,
    description,
    inputSchema: inputJsonSchema(schema) as Tool['inputSchema'],
  }));
  const server = new Server({ name: 'overturn', version: options.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const operation = operations.get(request.params.name);
    if (!operation) {
      const unknown: CallToolResult = {
        isError: true,
        content: [{ type: 'text', text: `no tool named ${request.params.name}` }],
      };
      return unknown;
    }
    return respond(operation, request.params.arguments ?? {});
  });
  return server;
}

/** Runs a tool: its answer as structured content and text, or a refusal as a tool error naming each path. */
function respond(operation: Operation, input: unknown): CallToolResult {
  try {
    const answer = operation.run(input);
    return {
      content: [{ type: 'text', text: operation.summary(answer as never) }],
      structuredContent: answer as Record<string, unknown>,
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

/** `overturn mcp`: serves the tools on stdin/stdout until the client closes them. */
export async function serveMcp(options: {
  version: string;
  today: () => string;
  rules?: RuleSetSource;
}): Promise<void> {
  const server = createMcpServer(options);
  await server.connect(new StdioServerTransport());
}
