import { randomBytes } from 'node:crypto';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashToken, isTokenShaped, tokenPrefix } from './tokens.rules.js';
import { TOKEN_PREFIX, type TokenCreateInput, type TokenScope } from './tokens.schema.js';

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Every token, live ones first, newest first; never the secret (only its hash is kept). */
export async function listTokens(db: Db) {
  const rows = await db.apiToken.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: tokenSelect });
  const view = rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
  return [...view.filter((t) => !t.revokedAt), ...view.filter((t) => t.revokedAt)];
}

/** A new token for the metrics push. The plaintext is in this answer only: the database keeps its hash. */
export async function createToken(db: Db, actor: Actor, input: Required<TokenCreateInput>) {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name: input.name, tokenHash: hashToken(token), prefix: tokenPrefix(token), createdById: actor.userId, createdBy: actor.name },
      select: { id: true, name: true, prefix: true, scope: true },
    });
    await recordAudit(tx, actor, {
      action: 'token.create',
      entityType: 'apiToken',
      entityId: created.id,
      changes: { name: created.name, prefix: created.prefix, scope: created.scope },
    });
    return { ...created, token };
  });
}

/** Revoking is final and immediate: the next request with the token is refused. Revoking twice is a no-op. */
export async function revokeToken(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!row) throw notFound('API token', id);
    if (row.revokedAt) return { id, revokedAt: row.revokedAt.toISOString() };
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id }, data: { revokedAt } });
    await recordAudit(tx, actor, { action: 'token.revoke', entityType: 'apiToken', entityId: id, changes: { name: row.name, prefix: row.prefix } });
    return { id, revokedAt: revokedAt.toISOString() };
  });
}

/**
 * The live token a request presents, for this scope, or null (malformed, unknown, revoked, other
 * scope). The lookup is by hash, so the comparison never touches the secret itself. Marks it used.
 */
export async function authenticateToken(db: Db, token: string | null, scope: TokenScope) {
  if (!token || !isTokenShaped(token)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true, scope: true, revokedAt: true } });
  if (!row || row.revokedAt || row.scope !== scope) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, name: row.name };
}

/** Who a token acts as in the audit trail: not a user, but with a pm's rights over metric values. */
export const tokenActor = (token: { id: string; name: string }, requestId: string): Actor => ({
  userId: `token:${token.id}`,
  name: `API token ${token.name}`,
  role: 'pm',
  requestId,
});
