/**
 * The body of every 5xx outside tRPC (/api/auth, the metrics push, static files): nothing about the
 * cause, which is logged under the same request id.
 */
export const internalErrorBody = (requestId: string) => ({ error: 'Internal error', requestId });
