import { z } from 'zod';

/** The subscription's input: the client sends the last event id it saw when it reconnects. */
export const liveChangesInput = z.object({ lastEventId: z.string().max(100).nullish() }).optional();
