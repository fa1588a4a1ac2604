import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import type { Actor, Context } from './context.js';
import { type ConflictDetail, DomainError, type DomainErrorCode, type FieldIssue } from './lib/errors.js';
import { inputProblem, inputProblemMessage } from './lib/input-guard.js';
import { tokenActor, tokenRefusal } from './modules/tokens/tokens.rules.js';
import type { Role } from './modules/users/users.schema.js';

const domainToTrpc: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  FORBIDDEN: 'FORBIDDEN',
};

/**
 * Which roles may call a procedure (read back by the role matrix test; every protected procedure sets
 * it through its base), and, for the procedures tools call, their REST route (`openapi`, read by
 * trpc-to-openapi for /api/v1 and its document; docs/decisions/035-rest-api-from-the-procedures.md).
 * Meta merges, so `.meta({ openapi })` on a procedure keeps the roles its base declared.
 */
export type ProcedureMeta = {
  roles?: readonly Role[] | 'any';
  openapi?: NonNullable<OpenApiMeta['openapi']>;
};

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  // Live updates over server-sent events: a ping keeps proxies from closing a quiet stream, and a client
  // that hears nothing, not even a ping, for a while reconnects (docs/decisions/013-live-updates.md).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    let fieldIssues: FieldIssue[] = [];
    if (error.cause instanceof ZodError) {
      fieldIssues = error.cause.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    } else if (error.cause instanceof DomainError) {
      fieldIssues = error.cause.fieldIssues;
    }
    const domainCode = error.cause instanceof DomainError ? error.cause.code : null;
    // A stale version: who changed the record meanwhile, and its current value.
    const conflict: ConflictDetail | null = (error.cause instanceof DomainError && error.cause.conflict) || null;
    // Internal errors keep their details in the log, not in the response.
    const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, domainCode, fieldIssues, conflict } };
  },
});

/** Turns a DomainError thrown by a service into the matching tRPC error, in this one place. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: domainToTrpc[cause.code], message: cause.message, cause });
  }
  return result;
});

/**
 * Refuses, for every procedure and before its schema runs, input no field may hold: a NUL, a lone
 * surrogate, or nesting past the cap (lib/input-guard.ts). BAD_REQUEST naming the field.
 */
const guardInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = inputProblem(await getRawInput());
  if (problem) {
    const message = inputProblemMessage(problem);
    throw new TRPCError({ code: 'BAD_REQUEST', message, cause: new DomainError('INVALID', message, [problem]) });
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not: sign-in helpers and first-run setup only. */
export const publicProcedure = t.procedure.use(guardInput).use(mapDomainErrors);

/** Signed in, any role: 401 otherwise. Adds `ctx.actor` for the audit trail. */
export const protectedProcedure = publicProcedure.use(({ ctx, next, path, type }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  if (ctx.token) {
    // A token's scopes bound it before its role is looked at (docs/decisions/033).
    const refusal = tokenRefusal(ctx.token, path, type);
    if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
    return next({ ctx: { user: ctx.user, actor: tokenActor(ctx.token, ctx.requestId) } });
  }
  const actor: Actor = { userId: ctx.user.id, name: ctx.user.name, role: ctx.user.role, requestId: ctx.requestId };
  return next({ ctx: { user: ctx.user, actor } });
});

/**
 * Signed in with one of these roles: 403 (FORBIDDEN) for anyone else who is signed in. Every mutation
 * declares its roles with this; the role matrix test reads them back from the router.
 */
export function roleProcedure(...allowed: [Role, ...Role[]]) {
  return protectedProcedure.meta({ roles: allowed }).use(({ ctx, next }) => {
    if (!allowed.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs one of the roles: ${allowed.join(', ')}` });
    }
    return next();
  });
}

/** Every signed-in role may read; named so the role matrix can tell reads from forgotten writes. */
export const readProcedure = protectedProcedure.meta({ roles: 'any' });
