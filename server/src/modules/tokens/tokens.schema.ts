// Shared with the web: imports only zod.
import { z } from 'zod';
import { entityId, isoDate } from '../plans/plans.schema.js';
import { role } from '../users/users.schema.js';

/**
 * A personal token acts as the person who made it; a service token (made by an admin) acts as itself,
 * a named machine, with a role the admin chose (docs/decisions/033-tokens-that-act-for-someone.md).
 */
export const tokenKinds = ['PERSONAL', 'SERVICE'] as const;
export type TokenKind = (typeof tokenKinds)[number];

/** What a service token may do: each write scope opens its own few routes; `read` opens every read. */
export const serviceScopes = ['metrics:write', 'gate-runs:write', 'evidence:write', 'read'] as const;
export type ServiceScope = (typeof serviceScopes)[number];
/** A personal token reads, or reads and writes, with its role's rights. */
export const personalAccesses = ['read', 'read-write'] as const;
export type PersonalAccess = (typeof personalAccesses)[number];
/** As stored: `read`/`write` for personal tokens, the service scopes for service tokens. */
export type TokenScope = ServiceScope | 'write';

/** The metrics-push tokens made before personal and service tokens existed; they still work. */
export const LEGACY_TOKEN_PREFIX = 'aionis_mt_';
export const TOKEN_PREFIXES = { SERVICE: 'aionis_st_', PERSONAL: 'aionis_pt_' } as const satisfies Record<TokenKind, string>;
/** @deprecated the metrics push's first prefix; new tokens use TOKEN_PREFIXES. */
export const TOKEN_PREFIX = LEGACY_TOKEN_PREFIX;

const name = z.string().trim().min(1).max(100);
/** The last day the token works (UTC); none: until revoked. */
const expiresOn = isoDate.nullable().default(null);

/** An admin's service token. Without role and scopes: the metrics push token it always was. */
export const tokenCreateInput = z.object({
  name,
  role: role.default('pm'),
  scopes: z
    .array(z.enum(serviceScopes))
    .min(1)
    .max(serviceScopes.length)
    .refine((s) => new Set(s).size === s.length, 'Each scope once')
    .default(['metrics:write']),
  expiresOn,
});
export type TokenCreateInput = z.input<typeof tokenCreateInput>;

/** Anyone's own token. Its role defaults to the person's own; `viewer` (or any, for an admin) narrows it. */
export const personalTokenCreateInput = z.object({
  name,
  role: role.optional(),
  access: z.enum(personalAccesses).default('read'),
  expiresOn,
});
export type PersonalTokenCreateInput = z.input<typeof personalTokenCreateInput>;

export const tokenIdInput = z.object({ id: entityId });
