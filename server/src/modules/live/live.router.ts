import { randomUUID } from 'node:crypto';
import { tracked, TRPCError } from '@trpc/server';
import { readProcedure, router } from '../../trpc.js';
import { liveChangesInput } from './live.schema.js';
import { ChangeFeedClosedError } from './live.service.js';

export const liveRouter = router({
  /**
   * Server-sent events: one `ready` when connected (`resync` instead when the client resumes after a
   * break, as changes may have been missed), then a `change` for each committed write. The event says
   * what kind of thing changed, not what: readers refetch what they may see.
   */
  changes: readProcedure.input(liveChangesInput).subscription(async function* ({ ctx, input, signal }) {
    // Errors from an iteration bypass the middleware that maps domain errors, so these are tRPC errors;
    // SERVICE_UNAVAILABLE is one the client retries.
    const unavailable = (message: string) => new TRPCError({ code: 'SERVICE_UNAVAILABLE', message });
    if (!ctx.changes) throw unavailable('Live updates are off on this server');
    let messages;
    try {
      messages = ctx.changes.subscribe(signal);
    } catch (error) {
      throw error instanceof ChangeFeedClosedError ? unavailable(error.message) : error;
    }
    yield tracked(`hello-${randomUUID()}`, { kind: input?.lastEventId ? ('resync' as const) : ('ready' as const) });
    try {
      for await (const message of messages) {
        if (message.kind === 'resync') yield tracked(`resync-${randomUUID()}`, { kind: 'resync' as const });
        else {
          const { id, entityType, action, at } = message.change;
          yield tracked(id, { kind: 'change' as const, entityType, action, at });
        }
      }
    } catch (error) {
      throw error instanceof ChangeFeedClosedError ? unavailable(error.message) : error;
    }
  }),
});
