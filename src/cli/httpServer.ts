/**
 * `overturn serve`: the library as a versioned JSON HTTP API, for backends in any language. Each endpoint takes
 * the library's own input as the request body and answers with the library's own result, the same JSON a
 * JavaScript caller gets; `OverturnError` is a 400 with its code and issues. Loopback by default, a body limit,
 * `/healthz`, an OpenAPI 3.1 document generated from the zod schemas at `/openapi.json`, and nothing of a
 * request is ever logged (health data). The endpoints are the operations of `operations.ts`, which the MCP
 * server offers too.
 *
 * Built on Hono and its Node adapter, bundled into the command.
 */
import { serve as listen, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { OverturnError } from '../index.js';
import { inputJsonSchema, type Operation, operationsOf } from './operations.js';

/** The largest request body accepted: a case with a long letter is well under it. */
export const MAX_BODY_BYTES = 1 << 20;

/**
 * The API as a Hono app (no server yet): `today` fills in `asOf` where a body leaves it out.
 *
 * @example
 * ```ts
 * const app = createHttpApp({ version: '0.1.0', today: () => '2026-12-02' });
 * const response = await app.request('/v1/classify', { method: 'POST', body: '{"codes":["CO-50"]}' });
 * (await response.json()).category; // 'medical_necessity'
 * ```
 */
export function createHttpApp(options: {
  version: string;
  today: () => string;
  rules?: RuleSetSource;
}): Hono {
  const endpoints = operationsOf(options);

  const app = new Hono();
  const openapi = openApiDocument(options.version, endpoints);
  app.get('/healthz', (c) => c.json({ status: 'ok', version: options.version }));
  app.get('/openapi.json', (c) => c.json(openapi));
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(
        {
          code: 'BODY_TOO_LARGE',
          issues: [{ path: [], message: `a request body is at most ${MAX_BODY_BYTES} bytes` }],
        },
        413,
      ),
  });
  for (const endpoint of endpoints) {
    app.post(endpoint.path, limit, async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch (error) {
        return c.json(
          { code: 'INVALID_JSON', issues: [{ path: [], message: (error as Error).message }] },
          400,
        );
      }
      try {
        const answer = endpoint.run(body);
        // A document asked for on paper: the same answer, as a PDF.
        if (endpoint.pdf && /\bapplication\/pdf\b/.test(c.req.header('accept') ?? '')) {
          const bytes = await endpoint.pdf(answer as never);
          return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
            'content-type': 'application/pdf',
            'content-disposition': 'inline; filename="letter.pdf"',
          });
        }
        return c.json(answer);
      } catch (error) {
        if (error instanceof OverturnError) return c.json({ code: error.code, issues: error.issues }, 400);
        throw error;
      }
    });
  }
  app.notFound((c) =>
    c.json(
      { code: 'NOT_FOUND', issues: [{ path: [], message: `no endpoint ${c.req.method} ${c.req.path}` }] },
      404,
    ),
  );
  // A bug answers 500 without echoing anything of the request.
  app.onError((_error, c) =>
    c.json(
      { code: 'INTERNAL_ERROR', issues: [{ path: [], message: 'overturn failed on this request' }] },
      500,
    ),
  );
  return app;
}

/** The OpenAPI 3.1 document: each endpoint's request body is its zod schema, as JSON Schema. */
function openApiDocument(version: string, endpoints: readonly Operation[]): object {
  const error = {
    description: 'Refused: the code and each issue with its path',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['code', 'issues'],
          properties: {
            code: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: {
                  path: { type: 'array', items: { type: ['string', 'number'] } },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
  const paths: Record<string, object> = {};
  for (const endpoint of endpoints) {
    const schema = inputJsonSchema(endpoint.schema);
    paths[endpoint.path] = {
      post: {
        summary: endpoint.title,
        description: endpoint.description,
        requestBody: { required: true, content: { 'application/json': { schema } } },
        responses: {
          '200': {
            description: endpoint.pdf
              ? "The library's answer; with `Accept: application/pdf`, the letter as a printable PDF"
              : "The library's answer",
            content: {
              'application/json': { schema: { type: 'object' } },
              ...(endpoint.pdf
                ? { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } }
                : {}),
            },
          },
          '400': error,
          '413': error,
        },
      },
    };
  }
  paths['/healthz'] = { get: { summary: 'Liveness', responses: { '200': { description: 'Up' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'overturn',
      version,
      description: 'US health-insurance denials: classification, appeal deadlines, specialists, letters.',
    },
    paths,
  };
}

/**
 * `overturn serve`: listens until SIGINT or SIGTERM, then stops taking connections and lets the open ones
 * finish. Resolves with the server once it listens.
 */
export function serveHttp(options: {
  version: string;
  today: () => string;
  rules?: RuleSetSource;
  host: string;
  port: number;
  onListening?: (address: { host: string; port: number }) => void;
}): Promise<ServerType> {
  const app = createHttpApp(options);
  return new Promise((resolve, reject) => {
    const server = listen({ fetch: app.fetch, hostname: options.host, port: options.port }, (info) => {
      options.onListening?.({ host: info.address, port: info.port });
      resolve(server);
    });
    // A port in use or an address not on this machine: one clear error, not a crash.
    server.once('error', reject);
    const stop = () => {
      server.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
