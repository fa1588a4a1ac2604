// POST /api/metrics/values: machines (a tracking pipeline, a cron job) push weekly values with an API
// token. Plain JSON over HTTP rather than tRPC, so any HTTP client can call it; the token is good for
// this route only (tRPC reads session cookies, never a bearer token).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { internalErrorBody } from './lib/http-errors.js';
import type { AppServices } from './context.js';
import { DomainError } from './lib/errors.js';
import { tokenActor, tokenRefusal, type TokenPrincipal } from './modules/tokens/tokens.rules.js';
import type { Role } from './modules/users/users.schema.js';
import { requireToken, type TokenRateLimiter } from './token-auth.js';
import { MAX_VALUES_PER_WRITE, metricPushBody } from './modules/metrics/metrics.schema.js';
import { pushMetricValues } from './modules/metrics/metrics.service.js';

/** Who may write metric values, as on the metrics page (metrics.router). */
const metricWriters: readonly Role[] = ['pm', 'leadership', 'admin'];

export const METRICS_PUSH_PATH = '/api/metrics/values';

interface Issue {
  path: string;
  message: string;
}

const badRequest = (reply: FastifyReply, error: string, issues: Issue[]) => reply.code(400).send({ error, issues });

export async function registerMetricsPush(app: FastifyInstance, services: AppServices, limiter: TokenRateLimiter) {
  await app.register(async (scope) => {
    // Unreadable JSON or a wrong content type answers in this route's error shape, not Fastify's.
    scope.setErrorHandler((error: { statusCode?: number; message: string }, req, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        req.log.error({ err: error }, 'metrics push failed');
        return reply.code(500).send(internalErrorBody(req.id));
      }
      return reply.code(status).send({ error: error.message, issues: [{ path: '', message: error.message }] });
    });

    scope.post(METRICS_PUSH_PATH, {
      // The token is checked before the body is read: a caller without one learns nothing about the payload.
      onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
        const token = await requireToken(services.db.prisma, limiter, req, reply);
        if (!token) return reply;
        // The same rule as every other route a token reaches: a service token needs metrics:write.
        const refusal = tokenRefusal(token, 'metrics.push', 'mutation');
        if (refusal) return reply.code(403).send({ error: refusal });
        if (!metricWriters.includes(token.user.role)) return reply.code(403).send({ error: `Pushing metric values needs one of the roles: ${metricWriters.join(', ')}` });
        req.apiToken = token;
      },
      handler: async (req, reply) => {
        const parsed = metricPushBody.safeParse(req.body);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
          const tooMany = parsed.error.issues.some((i) => i.code === 'too_big' && i.path.join('.') === 'values');
          return badRequest(reply, tooMany ? `Send at most ${MAX_VALUES_PER_WRITE} values per request` : 'The payload is not valid; nothing was written', issues);
        }
        try {
          const result = await pushMetricValues(services.db.prisma, tokenActor(req.apiToken!, req.id), parsed.data, services.today());
          return reply.send({
            ...result,
            note: result.adjusted.length > 0 ? 'Dates are stored as the Monday of their ISO week; `adjusted` lists the rows that moved.' : undefined,
          });
        } catch (error) {
          if (error instanceof DomainError && error.code === 'INVALID') return badRequest(reply, error.message, error.fieldIssues);
          throw error;
        }
      },
    });
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token that authenticated a metrics push. */
    apiToken?: TokenPrincipal;
  }
}
