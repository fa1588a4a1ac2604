// API tokens without I/O: how a token looks, how it is stored, how a request presents it, and what a
// token may reach.
import { createHash } from 'node:crypto';
import type { Role } from '../users/users.schema.js';
import { LEGACY_TOKEN_PREFIX, TOKEN_PREFIXES, type PersonalAccess, type ServiceScope, type TokenKind } from './tokens.schema.js';

/** A prefix (`aionis_st_`, `aionis_pt_`, or the metrics push's first `aionis_mt_`) + 32 random bytes in base64url. */
const tokenShape = new RegExp(`^(?:${[LEGACY_TOKEN_PREFIX, ...Object.values(TOKEN_PREFIXES)].join('|')})[A-Za-z0-9_-]{43}$`);
/** Characters kept in clear, so people can tell tokens apart: the prefix and four of the secret. */
const SHOWN = LEGACY_TOKEN_PREFIX.length + 4;

export const isTokenShaped = (token: string) => tokenShape.test(token);

/** Tokens are stored as their SHA-256 (hex): 256 random bits need no salt or slow hash. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const tokenPrefix = (token: string) => token.slice(0, SHOWN);

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * Roles are not a ladder (sales and pm each hold rights the other lacks), so a personal token may take
 * its person's own role, or viewer (read only); an admin, who holds every right, may give it any role.
 */
export const mayActAs = (userRole: Role, tokenRole: Role) => tokenRole === userRole || tokenRole === 'viewer' || userRole === 'admin';

/**
 * The role a personal token acts with now: its own, unless its person no longer holds it (demoted since),
 * then viewer's.
 */
export const effectiveRole = (userRole: Role, tokenRole: Role): Role => (mayActAs(userRole, tokenRole) ? tokenRole : 'viewer');

export const personalScopes = (access: PersonalAccess): string[] => (access === 'read-write' ? ['read', 'write'] : ['read']);

/** The end of the last day a token works (its `expiresOn`, UTC), or null. */
export const expiryOf = (expiresOn: string | null) => (expiresOn ? new Date(`${expiresOn}T23:59:59.999Z`) : null);

export interface TokenGrant {
  kind: TokenKind;
  scopes: readonly string[];
}

/**
 * Procedures a service token's write scope opens. Anything else it writes is refused, whatever its
 * role: a CI pipeline's token reports gate runs, it does not edit the plan.
 */
export const serviceWrites: Record<Exclude<ServiceScope, 'read'>, readonly string[]> = {
  'metrics:write': ['metrics.push'],
  'gate-runs:write': ['gateRuns.record'],
  'evidence:write': ['evidence.create', 'evidence.link', 'evidence.record'],
};

/** What a token can never reach, read or write: who may sign in, with what role, and the tokens themselves. */
const offLimits = (path: string) => (path.startsWith('users.') && path !== 'users.me') || path.startsWith('tokens.');

/**
 * Why a token may not call this procedure, or null when its scopes allow it. The role is checked after
 * this, as for any caller.
 */
export function tokenRefusal(grant: TokenGrant, path: string, type: 'query' | 'mutation' | 'subscription'): string | null {
  if (offLimits(path)) return 'API tokens cannot reach user administration or token management; sign in to the console';
  if (type === 'subscription') return 'Live updates are for the console; API tokens read instead';
  if (type === 'query') return grant.scopes.includes('read') ? null : 'This token has no read scope';
  if (grant.kind === 'PERSONAL') return grant.scopes.includes('write') ? null : 'This token is read-only';
  const opened = Object.entries(serviceWrites).filter(([scope]) => grant.scopes.includes(scope));
  if (opened.some(([, paths]) => paths.includes(path))) return null;
  const needed = Object.entries(serviceWrites).find(([, paths]) => paths.includes(path))?.[0];
  return needed ? `This token lacks the ${needed} scope` : 'A service token may only report metrics, gate runs and evidence';
}

/** A live token and who it acts as. */
export interface TokenPrincipal extends TokenGrant {
  id: string;
  name: string;
  /** The person (personal token) or the service (service token) the token acts as, with its role now (a SessionUser). */
  user: { id: string; name: string; email: string; role: Role };
}

/**
 * Who a token acts as in the audit trail: "<person> via token <name>" with the person's id, so their
 * history shows it; a service token under its own name and `token:<id>`.
 */
export const tokenActor = (principal: TokenPrincipal, requestId: string): { userId: string; name: string; role: Role; requestId: string } =>
  principal.kind === 'PERSONAL'
    ? { userId: principal.user.id, name: `${principal.user.name} via token ${principal.name}`, role: principal.user.role, requestId }
    : { userId: principal.user.id, name: `service token ${principal.name}`, role: principal.user.role, requestId };
