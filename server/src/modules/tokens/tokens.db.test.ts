import { describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { hashToken } from './tokens.rules.js';
import { authenticateToken, tokenActor } from './tokens.service.js';

describe('API tokens', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const adminUser = await createTestUser(db, 'admin', 'Ada Admin');
  const admin = callerFor(services, adminUser);
  const pm = callerFor(services, await createTestUser(db, 'pm'));

  it('creates a token, shows the plaintext once and keeps only its hash', async () => {
    const created = await admin.tokens.create({ name: '  Website tracking  ' });
    expect(created.token).toMatch(/^aionis_mt_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Website tracking', prefix: created.token.slice(0, 14), scope: 'metrics:write' });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(14));
    expect(row).toMatchObject({ createdById: adminUser.id, createdBy: 'Ada Admin', lastUsedAt: null, revokedAt: null });

    const listed = await admin.tokens.list();
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scope']);
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(14));

    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(event).toMatchObject({ action: 'token.create', entityType: 'apiToken', actorId: adminUser.id });
    expect(JSON.stringify(event.changes)).not.toContain(created.token.slice(14));
  });

  it('authenticates a live token by its hash and marks it used; refuses malformed and unknown ones', async () => {
    const { token, id } = await admin.tokens.create({ name: 'cron' });
    expect(await authenticateToken(db.prisma, token, 'metrics:write')).toEqual({ id, name: 'cron' });
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
    expect(await authenticateToken(db.prisma, null, 'metrics:write')).toBeNull();
    expect(await authenticateToken(db.prisma, 'not-a-token', 'metrics:write')).toBeNull();
    expect(await authenticateToken(db.prisma, `aionis_mt_${'x'.repeat(43)}`, 'metrics:write')).toBeNull();
    expect(await authenticateToken(db.prisma, hashToken(token), 'metrics:write')).toBeNull(); // the stored hash is no key
    expect(tokenActor({ id, name: 'cron' }, 'req-1')).toEqual({ userId: `token:${id}`, name: 'API token cron', role: 'pm', requestId: 'req-1' });
  });

  it('revokes: the token stops working at once, stays listed after the live ones, and revoking again is a no-op', async () => {
    const { token, id } = await admin.tokens.create({ name: 'to revoke' });
    const { revokedAt } = await admin.tokens.revoke({ id });
    expect(await authenticateToken(db.prisma, token, 'metrics:write')).toBeNull();
    expect(await admin.tokens.revoke({ id })).toEqual({ id, revokedAt });
    expect(await db.prisma.auditEvent.count({ where: { entityId: id, action: 'token.revoke' } })).toBe(1);
    const listed = await admin.tokens.list();
    expect(listed.at(-1)).toMatchObject({ id, revokedAt });
    expect(listed.slice(0, -1).every((t) => t.revokedAt === null)).toBe(true);
    await expect(admin.tokens.revoke({ id: '0190d2b4-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is for admins only', async () => {
    await expect(pm.tokens.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pm.tokens.create({ name: 'sneaky' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.prisma.apiToken.count({ where: { name: 'sneaky' } })).toBe(0);
  });
});
