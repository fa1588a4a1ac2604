import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { sessionUser } from './auth/session.js';
import { statementCounter } from './db/statement-count.js';
import type { AppServices, Context } from './context.js';
import { internalErrorBody } from './lib/http-errors.js';
import { inputProblem, inputProblemMessage } from './lib/input-guard.js';
import { webDistDir } from './lib/paths.js';
import { registerMetricsPush } from './metrics-push.js';
import { registerPublicEvidence } from './public-evidence.js';
import { registerUnsubscribe } from './notifications-unsubscribe.js';
import { registerMcp } from './mcp/mcp-http.js';
import { registerRestApi } from './rest-api.js';
import { appRouter, type AppRouter } from './router.js';
import { TokenRateLimiter } from './token-auth.js';

export interface AppOptions {
  publicUrl: string;
  logger: FastifyServerOptions['loggerInstance'] | boolean;
  /** Serve the built SPA from web/dist when it exists. */
  serveWeb?: boolean;
  webDir?: string;
  /** Return each request's SQL statement count as `x-sql-statements` (the database must count them too). */
  countStatements?: boolean;
  /**
   * TRUST_PROXY: which proxies' X-Forwarded-For to believe for the client's address (`req.ip`, which the
   * sign-in throttle counts by): false (the connection's address), a hop count, or addresses and CIDRs.
   */
  trustProxy?: false | number | string[];
  /** Origins besides PUBLIC_URL's whose pages may send writes (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Host header values besides PUBLIC_URL's host this console answers (ALLOWED_HOSTS); no port: any port. */
  allowedHosts?: readonly string[];
  /** Answer loopback names (localhost, 127.0.0.1, [::1]) too: true when bound to loopback. Default true. */
  allowLoopbackHosts?: boolean;
  /** Requests one API token may make per minute (API_TOKEN_RATE_LIMIT). */
  tokenRateLimit?: number;
}

/** The HTTP server: tRPC under /trpc, GET /healthz, and the built SPA, all on one port. */
export async function buildApp(services: AppServices, options: AppOptions) {
  const app = Fastify({
    ...(typeof options.logger === 'boolean' ? { logger: options.logger } : { loggerInstance: options.logger }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    routerOptions: { maxParamLength: 5000 },
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // Any error a route throws: a 5xx says nothing but the request id; a 4xx keeps Fastify's shape.
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err: error, url: req.url }, 'request failed');
      return reply.code(500).send(internalErrorBody(req.id));
    }
    return reply.code(status).send({ statusCode: status, code: error.code, error: STATUS_CODES[status], message: error.message });
  });

  // DNS rebinding: a page on another name that resolves to this server sends its own name as Host.
  // Only the names the console is configured under are answered (the health probe: any).
  const hostAllowed = hostPolicy(options);
  app.addHook('onRequest', async (req, reply) => {
    if (req.url === '/healthz' || hostAllowed(req.headers.host)) return;
    req.log.warn({ host: req.headers.host ?? null }, 'refused a request for a host this console is not configured for');
    return reply.code(421).send({
      error: `This console does not answer for the host ${JSON.stringify(req.headers.host ?? '')}: open it at ${options.publicUrl}, or add the name to ALLOWED_HOSTS`,
    });
  });

  if (options.countStatements) {
    const counts = new WeakMap<object, { statements: number }>();
    // Everything the request runs, the tRPC handler included, happens inside this context.
    app.addHook('onRequest', (req, _reply, done) => {
      const store = { statements: 0 };
      counts.set(req, store);
      statementCounter.run(store, done);
    });
    app.addHook('onSend', async (req, reply) => {
      const store = counts.get(req);
      if (store) reply.header('x-sql-statements', String(store.statements));
    });
  }

  const webDir = options.webDir ?? webDistDir;
  const serveWeb = options.serveWeb !== false && existsSync(path.join(webDir, 'index.html'));
  // On every response (HTML, JSON, the SSE stream), set on the raw response before any handler runs.
  await app.register(helmet, securityHeaders(options.publicUrl, serveWeb ? inlineScriptHashes(path.join(webDir, 'index.html')) : []));

  // Probes come every few seconds: their request lines would drown the log (a failure still logs).
  app.get('/healthz', { logLevel: 'warn' }, async (_req, reply) => {
    const ok = await services.db.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: { kind: services.db.kind, reachable: ok } });
  });

  // Mutations from another site are refused before they reach a procedure (on top of SameSite=Lax).
  // The origin is compared with the configured ones only, never with the request's own Host.
  const origins = new Set([options.publicUrl, ...(options.allowedOrigins ?? [])].map((o) => new URL(o).origin));
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const origin = req.headers.origin;
    if (origin && !origins.has(origin)) {
      return reply.code(403).send({ error: 'Cross-site request refused' });
    }
  });

  // Outside tRPC (which checks its own input, trpc.ts): a JSON body or query no field may hold is 400.
  app.addHook('preValidation', async (req, reply) => {
    // REST under /api/v1 and /mcp run the same tRPC procedures, whose input guard answers in the API's shape.
    if (req.url.startsWith('/trpc/') || req.url.startsWith('/api/v1/') || req.url.startsWith('/mcp')) return;
    const problem = inputProblem(req.body) ?? inputProblem(req.query);
    if (problem) return reply.code(400).send({ error: inputProblemMessage(problem), issues: [problem] });
  });

  // A signed-in answer is for its reader only: no shared or browser cache keeps it.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/trpc/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  registerAuthRoutes(app, services.auth, services.db.prisma, options.publicUrl);
  const limiter = new TokenRateLimiter(options.tokenRateLimit ?? 600);
  await registerMetricsPush(app, services, limiter);
  await registerPublicEvidence(app, services, { publicUrl: options.publicUrl });
  await registerUnsubscribe(app, services);
  await registerRestApi(app, services, limiter, options.publicUrl);
  await registerMcp(app, services, limiter);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: async ({ req, res }): Promise<Context> => ({
        ...services,
        requestId: req.id,
        // A session Better Auth extends comes back with a new cookie: it goes out on this response.
        user: await sessionUser(services.auth, services.db.prisma, req.headers, (cookies) => res.header('set-cookie', cookies)),
      }),
      onError: ({ error, path: procedure, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, procedure }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  if (serveWeb) {
    const assetsDir = path.join(webDir, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset; the best one the browser accepts is sent.
      preCompressed: true,
      // Files under assets/ have a content hash in their name: a changed file is a new URL.
      setHeaders: (reply, filePath) => {
        if (filePath.startsWith(assetsDir)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    // Client-side routes: anything that is not the API or a file gets the SPA shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.method !== 'GET' || req.url.startsWith('/trpc') || req.url.startsWith('/api/') || path.extname(req.url.split('?')[0] ?? '')) {
        return reply.code(404).send({ error: 'Not found' });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  }

  return app;
}

/**
 * Helmet's headers with a Content-Security-Policy the built SPA runs under: its own scripts only (plus
 * the inline colour-scheme script in index.html, allowed by its hash), inline styles because Mantine
 * injects <style> tags, data: images and fonts, no framing, no plugins, forms and fetches to this origin.
 */
export function securityHeaders(publicUrl: string, scriptHashes: string[]) {
  const https = publicUrl.startsWith('https://');
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...scriptHashes],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    // HSTS over plain http would be ignored at best and a trap at worst (a later https-less port).
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  };
}

/** 'sha256-…' sources for the inline <script> blocks of the SPA shell, so CSP allows exactly those. */
function inlineScriptHashes(indexHtml: string): string[] {
  const html = readFileSync(indexHtml, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`,
  );
}

/** TRUST_PROXY as Fastify takes it: a hop count is "the nearest n addresses are proxies" (what Fastify does with a number). */
function fastifyTrustProxy(trust: false | number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

const LOOPBACK_NAME = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Splits a Host header value into its name and port ('' when none), lower-cased. */
function splitHost(host: string): { name: string; port: string } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host.trim().toLowerCase());
  return { name: m?.[1] ?? '', port: m?.[2] ?? '' };
}

/**
 * Whether a Host header names this console: PUBLIC_URL's host, an ALLOWED_HOSTS entry (with a port it
 * must match exactly; without one, any port), or, when bound to loopback, a loopback name on any port
 * (a rebinding page can never send those: its Host is its own name).
 */
export function hostPolicy(options: Pick<AppOptions, 'publicUrl' | 'allowedHosts' | 'allowLoopbackHosts'>) {
  const url = new URL(options.publicUrl);
  const exact = new Set<string>([url.host, `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`]);
  const anyPort = new Set<string>();
  for (const entry of options.allowedHosts ?? []) {
    const { name, port } = splitHost(entry);
    if (port) exact.add(`${name}:${port}`);
    else anyPort.add(name);
  }
  const loopback = options.allowLoopbackHosts !== false;
  return (host: string | undefined): boolean => {
    if (!host) return false;
    const { name, port } = splitHost(host);
    if (!name) return false;
    return exact.has(port ? `${name}:${port}` : name) || anyPort.has(name) || (loopback && LOOPBACK_NAME.test(name));
  };
}
