import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { DomainError, type DomainErrorCode, type FieldIssue } from './lib/errors.js';

const domainToTrpc: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
};

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    let fieldIssues: FieldIssue[] = [];
    if (error.cause instanceof ZodError) {
      fieldIssues = error.cause.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    } else if (error.cause instanceof DomainError) {
      fieldIssues = error.cause.fieldIssues;
    }
    const domainCode = error.cause instanceof DomainError ? error.cause.code : null;
    // Internal errors keep their details in the log, not in the response.
    const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, domainCode, fieldIssues } };
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

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);
