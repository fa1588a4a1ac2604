import { describe, expect, it } from 'vitest';
import { callerFor, callerForToken, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { hashToken } from './tokens.rules.js';
import { authenticateToken } from './tokens.service.js';

describe('API tokens', async () => {
  const db = await createTestDb();
  await seedIfEmpty(db.prisma);
  const services = await testServices(db);
  const adminUser = await createTestUser(db, 'admin', 'Ada Admin');
  const admin = callerFor(services, adminUser);
  const pmUser = await createTestUser(db, 'pm', 'Pat Pm');
  const pm = callerFor(services, pmUser);
  const salesUser = await createTestUser(db, 'sales', 'Sam Sales');
  const sales = callerFor(services, salesUser);
  const someGate = async () => db.prisma.gate.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true, version: true, title: true } });

  it('creates a service token, shows the plaintext once and keeps only its hash', async () => {
    const created = await admin.tokens.create({ name: '  Website tracking  ' });
    expect(created.token).toMatch(/^aionis_st_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Website tracking', prefix: created.token.slice(0, 14), kind: 'SERVICE', role: 'pm', scopes: ['metrics:write'], expiresAt: null });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(14));
    expect(row).toMatchObject({ createdById: adminUser.id, createdBy: 'Ada Admin', lastUsedAt: null, revokedAt: null });

    const listed = await admin.tokens.list();
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(
      ['createdAt', 'createdBy', 'createdById', 'expiresAt', 'id', 'kind', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role', 'scopes'].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(14));

    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(event).toMatchObject({ action: 'token.create', entityType: 'apiToken', actorId: adminUser.id });
    expect(JSON.stringify(event.changes)).not.toContain(created.token.slice(14));
  });

  it('a service token takes a named role, its scopes once each, and an expiry that has not passed', async () => {
    const made = await admin.tokens.create({ name: 'ci', role: 'sales', scopes: ['gate-runs:write', 'read'], expiresOn: '2999-01-01' });
    expect(made).toMatchObject({ role: 'sales', scopes: ['gate-runs:write', 'read'], expiresAt: '2999-01-01T23:59:59.999Z' });
    await expect(admin.tokens.create({ name: 'dup', scopes: ['read', 'read'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.tokens.create({ name: 'bad', scopes: ['users:write' as 'read'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.tokens.create({ name: 'none', scopes: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const past = await admin.tokens.create({ name: 'old', expiresOn: '2020-01-01' }).catch((e: unknown) => e);
    expect(past).toMatchObject({ code: 'BAD_REQUEST', cause: { fieldIssues: [{ path: 'expiresOn' }] } });
  });

  it('authenticates a live token by its hash and marks it used; refuses malformed and unknown ones', async () => {
    const { token, id } = await admin.tokens.create({ name: 'cron' });
    expect(await authenticateToken(db.prisma, token)).toMatchObject({ id, name: 'cron', kind: 'SERVICE', scopes: ['metrics:write'], user: { id: `token:${id}`, role: 'pm' } });
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
    expect(await authenticateToken(db.prisma, null)).toBeNull();
    expect(await authenticateToken(db.prisma, 'not-a-token')).toBeNull();
    expect(await authenticateToken(db.prisma, `aionis_st_${'x'.repeat(43)}`)).toBeNull();
    expect(await authenticateToken(db.prisma, hashToken(token))).toBeNull(); // the stored hash is no key
  });

  it('revokes: the token stops working at once, stays listed after the live ones, and revoking again is a no-op', async () => {
    const { token, id } = await admin.tokens.create({ name: 'to revoke' });
    const { revokedAt } = await admin.tokens.revoke({ id });
    expect(await authenticateToken(db.prisma, token)).toBeNull();
    expect(await admin.tokens.revoke({ id })).toEqual({ id, revokedAt });
    expect(await db.prisma.auditEvent.count({ where: { entityId: id, action: 'token.revoke' } })).toBe(1);
    const listed = await admin.tokens.list();
    expect(listed.at(-1)).toMatchObject({ id, revokedAt });
    expect(listed.slice(0, -1).every((t) => t.revokedAt === null)).toBe(true);
    await expect(admin.tokens.revoke({ id: '0190d2b4-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('service tokens and the full list are for admins only', async () => {
    await expect(pm.tokens.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pm.tokens.create({ name: 'sneaky' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.prisma.apiToken.count({ where: { name: 'sneaky' } })).toBe(0);
  });

  describe('personal access tokens', () => {
    it('anyone makes their own, read-only by default, with their role or viewer; each sees only their own', async () => {
      const made = await pm.tokens.createPersonal({ name: 'laptop' });
      expect(made.token).toMatch(/^aionis_pt_/);
      expect(made).toMatchObject({ kind: 'PERSONAL', role: 'pm', scopes: ['read'], createdById: pmUser.id });
      expect(await pm.tokens.createPersonal({ name: 'agent', access: 'read-write', role: 'viewer' })).toMatchObject({ role: 'viewer', scopes: ['read', 'write'] });
      const above = await pm.tokens.createPersonal({ name: 'up', role: 'admin' }).catch((e: unknown) => e);
      expect(above).toMatchObject({ code: 'BAD_REQUEST', cause: { fieldIssues: [{ path: 'role' }] } });
      await expect(pm.tokens.createPersonal({ name: 'side', role: 'sales' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      // An admin holds every right, so any role is narrower.
      expect(await admin.tokens.createPersonal({ name: 'as sales', role: 'sales' })).toMatchObject({ role: 'sales' });

      expect((await pm.tokens.mine()).map((t) => t.name).sort()).toEqual(['agent', 'laptop']);
      expect(await sales.tokens.mine()).toEqual([]);
      expect((await admin.tokens.list()).some((t) => t.name === 'laptop')).toBe(true);
    });

    it('only its owner (or an admin) revokes it; someone else learns nothing', async () => {
      const mine = await sales.tokens.createPersonal({ name: 'phone' });
      await expect(pm.tokens.revoke({ id: mine.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt).toBeNull();
      const service = (await admin.tokens.list()).find((t) => t.kind === 'SERVICE' && !t.revokedAt)!;
      await expect(sales.tokens.revoke({ id: service.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await sales.tokens.revoke({ id: mine.id })).revokedAt).toEqual(expect.any(String));
      const other = await sales.tokens.createPersonal({ name: 'tablet' });
      expect((await admin.tokens.revoke({ id: other.id })).revokedAt).toEqual(expect.any(String));
    });

    it('acts as its person: same rights, audited as "<person> via token <name>" with their id', async () => {
      const { token } = await pm.tokens.createPersonal({ name: 'script', access: 'read-write' });
      const principal = (await authenticateToken(db.prisma, token))!;
      expect(principal.user).toMatchObject({ id: pmUser.id, role: 'pm' });
      const api = callerForToken(services, principal);
      const gate = await someGate();
      await api.gates.update({ id: gate.id, version: gate.version, description: 'Edited by a script' });
      const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: gate.id, action: 'gate.update' }, orderBy: { at: 'desc' } });
      expect(event).toMatchObject({ actorId: pmUser.id, actorName: 'Pat Pm via token script' });
      // A pm may not decide a gate, with or without a token.
      await expect(api.gates.setStatus({ id: gate.id, version: gate.version + 1, status: 'PASSED', reason: 'x', evidenceIds: [] } as never)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('a read-only token reads and is refused every write, with nothing written', async () => {
      const { token } = await pm.tokens.createPersonal({ name: 'reader' });
      const api = callerForToken(services, (await authenticateToken(db.prisma, token))!);
      expect((await api.plans.current())?.id).toEqual(expect.any(String));
      const gate = await someGate();
      await expect(api.gates.update({ id: gate.id, version: gate.version, description: 'nope' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This token is read-only' });
      expect(await someGate()).toEqual(gate);
    });

    it('never reaches user administration or token management, whatever its role', async () => {
      const { token } = await admin.tokens.createPersonal({ name: 'admin script', access: 'read-write' });
      const api = callerForToken(services, (await authenticateToken(db.prisma, token))!);
      const [users, tokens] = [await db.prisma.user.count(), await db.prisma.apiToken.count()];
      await expect(api.users.list()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/user administration or token management/) });
      await expect(api.tokens.createPersonal({ name: 'more' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.tokens.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.users.setRole({ userId: pmUser.id, role: 'admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect([await db.prisma.user.count(), await db.prisma.apiToken.count()]).toEqual([users, tokens]);
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: pmUser.id } })).role).toBe('pm');
      expect(await api.users.me()).toMatchObject({ id: adminUser.id });
    });

    it("stops at once when its person is deactivated, and never acts above the person's current role", async () => {
      const person = await createTestUser(db, 'pm', 'Dee Demoted');
      const { token } = await callerFor(services, person).tokens.createPersonal({ name: 'ci', access: 'read-write' });
      await db.prisma.user.update({ where: { id: person.id }, data: { role: 'sales' } });
      expect((await authenticateToken(db.prisma, token))!.user.role).toBe('viewer');
      await db.prisma.user.update({ where: { id: person.id }, data: { banned: true } });
      expect(await authenticateToken(db.prisma, token)).toBeNull();
    });

    it('stops after its last day', async () => {
      const { token, id } = await pm.tokens.createPersonal({ name: 'short', expiresOn: '2999-12-31' });
      expect(await authenticateToken(db.prisma, token)).not.toBeNull();
      await db.prisma.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await authenticateToken(db.prisma, token)).toBeNull();
    });
  });

  describe('service tokens', () => {
    it('write only what their scopes open, as themselves; read only with read', async () => {
      const { token } = await admin.tokens.create({ name: 'pipeline', role: 'pm', scopes: ['evidence:write'] });
      const principal = (await authenticateToken(db.prisma, token))!;
      const api = callerForToken(services, principal);
      const gate = await someGate();
      await expect(api.gates.update({ id: gate.id, version: gate.version, description: 'nope' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'A service token may only report metrics, gate runs and evidence',
      });
      await expect(api.gateRuns.record({ key: 'B.production-gates', result: 'passed', url: 'https://ci.example/1', ranAt: '2026-03-09T10:00:00Z', runId: 'r1' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'This token lacks the gate-runs:write scope',
      });
      await expect(api.plans.current()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This token has no read scope' });
      const created = await api.evidence.create({ title: 'Release 1.2', url: 'https://example.com/r/1.2', kind: 'RELEASE_EVIDENCE', capturedOn: '2026-03-09', attachTo: { targetType: 'gate', targetId: gate.id } });
      const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: 'evidence.create' } });
      expect(event).toMatchObject({ actorId: `token:${principal.id}`, actorName: 'service token pipeline' });
      expect(await someGate()).toEqual(gate);
    });
  });
});
