// REST under /api/v1, generated from the tRPC procedures that carry `openapi` meta (trpc-to-openapi):
// the same procedures, input schemas, rights and audit as the web, called with an API token
// (docs/decisions/035-rest-api-from-the-procedures.md). The document is at /api/v1/openapi.json.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin, generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import type { AppServices, Context } from './context.js';
import { appRouter } from './router.js';
import { requireToken, type TokenRateLimiter } from './token-auth.js';

export const REST_BASE = '/api/v1';

/** The OpenAPI 3.1 document of the REST API, for this server's public address. */
export function restDocument(publicUrl: string): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: 'Aionis GTM console API',
    version: '1.0.0',
    openApiVersion: '3.1.0',
    description:
      'The console’s procedures for tools and pipelines. Authenticate with a personal or service token: `Authorization: Bearer <token>`. ' +
      'Errors are `{ message, code, data: { fieldIssues: [{ path, message }], conflict, domainCode } }`; lists page with `cursor` and `nextCursor`; reads carry an ETag.',
    baseUrl: `${publicUrl}${REST_BASE}`,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal (aionis_pt_…) or service (aionis_st_…) token' } },
  });
}

/** A weak ETag of a read's JSON body: a client that sends it back in If-None-Match gets 304 while nothing changed. */
const etagOf = (payload: string) => `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;

/** Scalar's self-contained browser bundle (and the chunks it loads), served from node_modules: no CDN. */
const scalarDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser');

// The reference page: no inline script (the CSP allows only this origin's), no web fonts from elsewhere.
const referencePage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Aionis GTM console — API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="${REST_BASE}/reference/assets/standalone.js"></script>
    <script src="${REST_BASE}/reference/init.js"></script>
  </body>
</html>
`;
const referenceInit = `Scalar.createApiReference('#app', { url: '${REST_BASE}/openapi.json', withDefaultFonts: false, hideClientButton: true, telemetry: false });\n`;

export async function registerRestApi(app: FastifyInstance, services: AppServices, limiter: TokenRateLimiter, publicUrl: string) {
  const document = restDocument(publicUrl);
  app.get(`${REST_BASE}/openapi.json`, async (_req, reply) => reply.header('cache-control', 'no-cache').send(document));
  // A readable reference of the same document, for people: its own page, never part of the SPA's bundle.
  app.get(`${REST_BASE}/reference`, async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(referencePage));
  app.get(`${REST_BASE}/reference/init.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(referenceInit));
  await app.register(fastifyStatic, { root: scalarDir, prefix: `${REST_BASE}/reference/assets/`, decorateReply: false, index: false, allowedPath: (p) => p.endsWith('.js') });

  await app.register(async (scope) => {
    // Unreadable JSON, a wrong content type or an oversized body answer in the API's error shape, not Fastify's.
    scope.setErrorHandler((error: { statusCode?: number; message: string }, req, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        req.log.error({ err: error }, 'REST call failed');
        return reply.code(500).send({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', data: { fieldIssues: [], conflict: null, domainCode: null } });
      }
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return reply.code(status).send({ code, message: error.message, data: { fieldIssues: [{ path: '', message: error.message }], conflict: null, domainCode: null } });
    });
    // Every REST call is a token's: checked (401), counted (429) before any body is read.
    scope.addHook('onRequest', async (req, reply) => {
      const token = await requireToken(services.db.prisma, limiter, req, reply);
      if (token) req.apiToken = token;
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (req.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const etag = etagOf(payload);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
        reply.code(304);
        return '';
      }
      return payload;
    });
    await scope.register(fastifyTRPCOpenApiPlugin, {
      basePath: REST_BASE,
      router: appRouter,
      createContext: ({ req }: { req: { id?: string } & object }): Context => {
        const request = req as unknown as { id: string; apiToken?: NonNullable<Context['token']> };
        return { ...services, requestId: request.id, user: request.apiToken?.user ?? null, token: request.apiToken ?? null };
      },
      onError: ({ error, path, req }: { error: { code: string; cause?: unknown }; path?: string; req: unknown }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') (req as { log: FastifyInstance['log'] }).log.error({ err: error.cause ?? error, procedure: path }, 'REST call failed');
      },
    });
  });
}
