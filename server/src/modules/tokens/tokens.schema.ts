// Shared with the web: imports only zod.
import { z } from 'zod';
import { entityId } from '../plans/plans.schema.js';

/** What a token may do; the metrics push is the only use so far. */
export const tokenScopes = ['metrics:write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Every token starts with this, so a leaked one is recognisable (and secret scanners can match it). */
export const TOKEN_PREFIX = 'aionis_mt_';

export const tokenCreateInput = z.object({ name: z.string().trim().min(1).max(100) });
export type TokenCreateInput = z.input<typeof tokenCreateInput>;

export const tokenIdInput = z.object({ id: entityId });
