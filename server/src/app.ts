import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { sessionUser } from './auth/session.js';
import type { AppServices, Context } from './context.js';
import { webDistDir } from './lib/paths.js';
import { registerMetricsPush } from './metrics-push.js';
import { appRouter, type AppRouter } from './router.js';

export interface AppOptions {
  publicUrl: string;
  logger: FastifyServerOptions['loggerInstance'] | boolean;
  /** Serve the built SPA from web/dist when it exists. */
  serveWeb?: boolean;
  webDir?: string;
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
    routerOptions: { maxParamLength: 5000 },
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.get('/healthz', async (_req, reply) => {
    const ok = await services.db.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: { kind: services.db.kind, reachable: ok } });
  });

  // Mutations from another site are refused before they reach a procedure (on top of SameSite=Lax).
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const origin = req.headers.origin;
    if (origin && !sameOrigin(origin, req.headers.host, options.publicUrl)) {
      return reply.code(403).send({ error: 'Cross-site request refused' });
    }
  });

  registerAuthRoutes(app, services.auth, services.db.prisma, options.publicUrl);
  await registerMetricsPush(app, services);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: async ({ req }): Promise<Context> => ({
        ...services,
        requestId: req.id,
        user: await sessionUser(services.auth, req.headers),
      }),
      onError: ({ error, path: procedure, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, procedure }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  const webDir = options.webDir ?? webDistDir;
  if (options.serveWeb !== false && existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
    // Client-side routes: anything that is not the API or a file gets the SPA shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.method !== 'GET' || req.url.startsWith('/trpc') || req.url.startsWith('/api/') || path.extname(req.url.split('?')[0] ?? '')) {
        return reply.code(404).send({ error: 'Not found' });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  return app;
}

function sameOrigin(origin: string, host: string | undefined, publicUrl: string): boolean {
  try {
    const o = new URL(origin);
    return o.origin === new URL(publicUrl).origin || (host !== undefined && o.host === host);
  } catch {
    return false;
  }
}
