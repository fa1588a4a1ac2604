import { randomBytes } from 'node:crypto';
import type { Actor, SessionUser } from '../../context.js';
import type { Db } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordAudit } from '../audit/audit.service.js';
import { isRole } from '../users/users.rules.js';
import type { Role } from '../users/users.schema.js';
import { effectiveRole, expiryOf, hashToken, isTokenShaped, mayActAs, personalScopes, tokenPrefix, type TokenPrincipal } from './tokens.rules.js';
import { TOKEN_PREFIXES, type PersonalTokenCreateInput, type TokenCreateInput, type TokenKind } from './tokens.schema.js';

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  kind: true,
  role: true,
  scopes: true,
  createdById: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;

const tokenView = (r: TokenRow) => ({
  ...r,
  kind: r.kind as TokenKind,
  role: r.role as Role,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});
export type TokenView = ReturnType<typeof tokenView>;

/** Live ones first, newest first; never the secret (only its hash is kept). */
async function tokensWhere(db: Db, where: { createdById?: string; kind?: TokenKind }) {
  const rows = await db.apiToken.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: tokenSelect });
  const view = rows.map(tokenView);
  return [...view.filter((t) => !t.revokedAt), ...view.filter((t) => t.revokedAt)];
}

/** Every token, personal and service: the admin's view. */
export const listTokens = (db: Db) => tokensWhere(db, {});

/** The caller's own personal tokens: their profile. */
export const listMyTokens = (db: Db, actor: Actor) => tokensWhere(db, { createdById: actor.userId, kind: 'PERSONAL' });

function assertFuture(expiresAt: Date | null) {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new DomainError('INVALID', 'The expiry date has passed; choose a later day', [{ path: 'expiresOn', message: 'Must be today or later' }]);
  }
}

async function insertToken(db: Db, actor: Actor, data: { name: string; kind: TokenKind; role: Role; scopes: string[]; expiresAt: Date | null }) {
  const token = `${TOKEN_PREFIXES[data.kind]}${randomBytes(32).toString('base64url')}`;
  return db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { ...data, tokenHash: hashToken(token), prefix: tokenPrefix(token), createdById: actor.userId, createdBy: actor.name },
      select: tokenSelect,
    });
    const view = tokenView(created);
    await recordAudit(tx, actor, {
      action: 'token.create',
      entityType: 'apiToken',
      entityId: created.id,
      changes: { name: view.name, prefix: view.prefix, kind: view.kind, role: view.role, scopes: view.scopes, expiresAt: view.expiresAt },
    });
    // The plaintext is in this answer only: the database keeps its hash.
    return { ...view, token };
  });
}

/** An admin's service token: acts as itself, with a named role and fixed scopes. */
export async function createServiceToken(db: Db, actor: Actor, input: Required<TokenCreateInput>) {
  const expiresAt = expiryOf(input.expiresOn);
  assertFuture(expiresAt);
  return insertToken(db, actor, { name: input.name, kind: 'SERVICE', role: input.role, scopes: input.scopes, expiresAt });
}

/** A person's own token: acts as them, with their role or a narrower one. */
export async function createPersonalToken(db: Db, actor: Actor, input: PersonalTokenCreateInput & { access: 'read' | 'read-write'; expiresOn: string | null }) {
  const role = input.role ?? actor.role;
  if (!mayActAs(actor.role, role)) {
    throw new DomainError('INVALID', `A token acts with your own role (${actor.role}) or viewer's`, [{ path: 'role', message: 'Not narrower than your role' }]);
  }
  const expiresAt = expiryOf(input.expiresOn);
  assertFuture(expiresAt);
  return insertToken(db, actor, { name: input.name, kind: 'PERSONAL', role, scopes: personalScopes(input.access), expiresAt });
}

/**
 * Revoking is final and immediate: the next request with the token is refused. Revoking twice is a
 * no-op. An admin revokes any token; anyone else only their own.
 */
export async function revokeToken(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, kind: true, createdById: true, revokedAt: true } });
    // Someone else's token is as unknown as a missing one: its existence is not theirs to learn.
    if (!row || (actor.role !== 'admin' && row.createdById !== actor.userId)) throw notFound('API token', id);
    if (actor.role !== 'admin' && row.kind !== 'PERSONAL') throw forbidden('Only an admin revokes a service token');
    if (row.revokedAt) return { id, revokedAt: row.revokedAt.toISOString() };
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id }, data: { revokedAt } });
    await recordAudit(tx, actor, { action: 'token.revoke', entityType: 'apiToken', entityId: id, changes: { name: row.name, prefix: row.prefix } });
    return { id, revokedAt: revokedAt.toISOString() };
  });
}

/**
 * The live token a request presents, or null (malformed, unknown, revoked, expired, or its person
 * deactivated or gone). The lookup is by hash, so the comparison never touches the secret itself.
 * Marks it used. Nothing is cached: a revoked token or a deactivated person fails on the next request.
 */
export async function authenticateToken(db: Db, token: string | null): Promise<TokenPrincipal | null> {
  if (!token || !isTokenShaped(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, kind: true, role: true, scopes: true, createdById: true, expiresAt: true, revokedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now()) || !isRole(row.role)) return null;
  const kind = row.kind as TokenKind;
  let user: SessionUser;
  if (kind === 'PERSONAL') {
    const person = await db.user.findUnique({ where: { id: row.createdById }, select: { id: true, name: true, email: true, role: true, banned: true } });
    if (!person || person.banned || !isRole(person.role)) return null;
    user = { id: person.id, name: person.name, email: person.email, role: effectiveRole(person.role, row.role) };
  } else {
    user = { id: `token:${row.id}`, name: row.name, email: '', role: row.role };
  }
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, name: row.name, kind, scopes: row.scopes, user };
}
