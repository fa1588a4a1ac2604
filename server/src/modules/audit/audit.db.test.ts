import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../context.js';
import { appRouter } from '../../router.js';
import { callerFor, callersByRole, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { createCallerFactory } from '../../trpc.js';
import { updateDeliverable } from '../deliverables/deliverables.service.js';
import { seedIfEmpty } from '../seed/seed.service.js';

const createCaller = createCallerFactory(appRouter);

describe('audit trail', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const mia = await createTestUser(db, 'leadership', 'Mia');
  const api = callerFor(services, mia);
  /** A caller whose requests carry a known request id, as Fastify would stamp it. */
  const withRequestId = (user: SessionUser, requestId: string) => createCaller({ ...services, requestId, user });
  const phase = async (key: string) => (await api.phases.byKey({ key })).phase;
  const eventCount = () => db.prisma.auditEvent.count();
  const eventsFor = (entityType: string, entityId: string) =>
    db.prisma.auditEvent.findMany({ where: { entityType, entityId }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  describe('writing', () => {
    it('records a status change as exactly one event: who, which request, status from → to', async () => {
      const item = (await phase('A')).deliverables[0]!;
      const before = await eventCount();
      await withRequestId(mia, 'req-status-1').deliverables.update({ id: item.id, version: item.version, status: 'IN_PROGRESS' });

      expect(await eventCount()).toBe(before + 1);
      const [event] = await eventsFor('deliverable', item.id);
      expect(event).toMatchObject({
        actorId: mia.id,
        actorName: 'Mia',
        action: 'deliverable.update',
        requestId: 'req-status-1',
        changes: { status: { from: item.status, to: 'IN_PROGRESS' } },
      });
      expect(Object.keys(event!.changes as object)).toEqual(['status']);
    });

    it('records only the fields that changed, dates as calendar days', async () => {
      const item = (await phase('A')).deliverables[1]!;
      await api.deliverables.update({ id: item.id, version: item.version, title: item.title, ownerName: 'Ana', dueDate: '2026-04-01' });
      const [event] = await eventsFor('deliverable', item.id);
      expect(event!.changes).toEqual({ ownerName: { from: item.ownerName, to: 'Ana' }, dueDate: { from: item.dueDate, to: '2026-04-01' } });
    });

    it('writes no event when the write fails: stale version, forbidden status, bad input', async () => {
      const item = (await phase('A')).deliverables[2]!;
      const gate = (await phase('B')).gates[0]!;
      const pm = callerFor(services, await createTestUser(db, 'pm'));
      const before = await eventCount();

      await expect(api.deliverables.update({ id: item.id, version: item.version + 1, status: 'DONE' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(pm.gates.setStatus({ id: gate.id, version: gate.version, status: 'PASSED', decision: 'GO', reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.deliverables.update({ id: item.id, version: item.version, title: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(api.plans.setCurrent({ id: '019a0000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      expect(await eventCount()).toBe(before);
    });

    it('commits the change and its event together: when the event cannot be written, the change is undone', async () => {
      const item = (await phase('A')).deliverables[3]!;
      // actorName is NOT NULL: the event insert fails after the deliverable was already written.
      const nameless = { userId: mia.id, name: null as unknown as string, role: mia.role, requestId: 'req-broken' };
      await expect(updateDeliverable(db.prisma, nameless, { id: item.id, version: item.version, title: 'Never saved' })).rejects.toThrow();
      const row = await db.prisma.deliverable.findUniqueOrThrow({ where: { id: item.id } });
      expect(row).toMatchObject({ title: item.title, version: item.version });
    });

    it('records every kind of write with its action, entity and changes', async () => {
      const a = await phase('A');
      const plan = (await api.plans.current())!;
      const step = async (run: () => Promise<unknown>) => {
        const before = await eventCount();
        await run();
        expect(await eventCount()).toBe(before + 1);
        const [event] = await db.prisma.auditEvent.findMany({ orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 1 });
        return event!;
      };

      const { id: deliverableId } = await api.deliverables.create({ phaseId: a.id, title: 'Press kit', ownerName: 'Lee', dueDate: '2026-03-20' });
      expect((await eventsFor('deliverable', deliverableId))[0]).toMatchObject({
        action: 'deliverable.create',
        changes: { title: 'Press kit', description: '', ownerName: 'Lee', dueDate: '2026-03-20', status: 'NOT_STARTED', phaseId: a.id },
      });

      const b = await phase('B');
      const moved = await step(() => api.deliverables.update({ id: deliverableId, version: 1, phaseId: b.id }));
      expect(moved).toMatchObject({ action: 'deliverable.update', entityId: deliverableId, changes: { phaseId: { from: a.id, to: b.id } } });

      expect(await step(() => api.deliverables.archive({ id: deliverableId }))).toMatchObject({
        action: 'deliverable.delete',
        entityType: 'deliverable',
        entityId: deliverableId,
        changes: { title: 'Press kit', phaseId: b.id },
      });
      expect(await step(() => api.deliverables.restore({ id: deliverableId }))).toMatchObject({ action: 'deliverable.restore', entityId: deliverableId });

      const order = (await phase('B')).deliverables.map((d) => d.id);
      const reversed = [...order].reverse();
      expect(await step(() => api.deliverables.reorder({ phaseId: b.id, orderedIds: reversed }))).toMatchObject({
        action: 'deliverable.reorder',
        entityType: 'phase',
        entityId: b.id,
        changes: { order: { from: order, to: reversed } },
      });

      const { id: gateId } = await api.gates.create({ phaseId: a.id, title: 'Legal sign-off', status: 'ON_TRACK' });
      expect((await eventsFor('gate', gateId))[0]).toMatchObject({ action: 'gate.create', changes: { title: 'Legal sign-off', status: 'ON_TRACK' } });
      expect(await step(() => api.gates.setStatus({ id: gateId, version: 1, status: 'AT_RISK', reason: 'Legal is slow' }))).toMatchObject({
        action: 'gate.status',
        changes: { status: { from: 'ON_TRACK', to: 'AT_RISK' }, reason: 'Legal is slow' },
      });
      expect(await step(() => api.gates.archive({ id: gateId }))).toMatchObject({ action: 'gate.delete', entityId: gateId });
      expect(await step(() => api.gates.restore({ id: gateId }))).toMatchObject({ action: 'gate.restore', entityId: gateId });
      const gateOrder = (await phase('A')).gates.map((g) => g.id);
      expect(await step(() => api.gates.reorder({ phaseId: a.id, orderedIds: [...gateOrder].reverse() }))).toMatchObject({
        action: 'gate.reorder',
        entityType: 'phase',
        entityId: a.id,
      });

      expect(await step(() => api.phases.update({ id: a.id, version: a.version, goal: 'Ship the pilot', endDay: a.endDay }))).toMatchObject({
        action: 'phase.update',
        entityType: 'phase',
        entityId: a.id,
        changes: { goal: { from: a.goal, to: 'Ship the pilot' } },
      });

      expect(await step(() => api.plans.update({ id: plan.id, version: plan.version, name: 'Launch plan v2' }))).toMatchObject({
        action: 'plan.update',
        entityType: 'plan',
        entityId: plan.id,
        changes: { name: { from: plan.name, to: 'Launch plan v2' } },
      });
      const next = await step(() => api.plans.create({ name: 'Next half', startDate: '2026-09-01', copyFromPlanId: plan.id, makeCurrent: false }));
      expect(next).toMatchObject({
        action: 'plan.create',
        entityType: 'plan',
        changes: { name: 'Next half', startDate: '2026-09-01', lengthDays: plan.lengthDays, isCurrent: false, copiedFromId: plan.id },
      });
      expect(await step(() => api.plans.setCurrent({ id: next.entityId }))).toMatchObject({
        action: 'plan.setCurrent',
        entityId: next.entityId,
        changes: { isCurrent: { from: false, to: true } },
      });
      await api.plans.setCurrent({ id: plan.id });
    });
  });

  describe('append-only', () => {
    it('rejects UPDATE, DELETE and TRUNCATE of events, even through raw SQL', async () => {
      const item = (await phase('A')).deliverables[4]!;
      await api.deliverables.update({ id: item.id, version: item.version, ownerName: 'Someone' });
      const before = await db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
      expect(before.length).toBeGreaterThan(0);

      await expect(db.prisma.$executeRaw`UPDATE "AuditEvent" SET "actorName" = 'Mallory'`).rejects.toThrow(/append-only/);
      await expect(db.prisma.$executeRaw`DELETE FROM "AuditEvent"`).rejects.toThrow(/append-only/);
      await expect(db.prisma.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
      await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
      await expect(db.prisma.auditEvent.update({ where: { id: before[0]!.id }, data: { action: 'forged' } })).rejects.toThrow(/append-only/);

      expect(await db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    });

    it('offers no procedure that writes events: queries, and verifying the hash chain, which writes none', async () => {
      const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>).filter(([path]) =>
        path.startsWith('audit.'),
      );
      expect(procedures.map(([path]) => path).sort()).toEqual(['audit.actors', 'audit.chain', 'audit.forEntity', 'audit.list', 'audit.verifyChain']);
      for (const [path, procedure] of procedures) expect(procedure._def.type).toBe(path === 'audit.verifyChain' ? 'mutation' : 'query');

      const before = await eventCount();
      const verified = await api.audit.verifyChain();
      expect(verified).toMatchObject({ ok: true, problem: null });
      expect(verified.verifiedSeq).toBe(before);
      expect(await eventCount()).toBe(before);
      expect(await api.audit.chain()).toMatchObject({ head: { seq: before }, lastCheck: { ok: true, verifiedSeq: before } });
      const pm = callerFor(services, await createTestUser(db, 'pm', 'Pat'));
      await expect(pm.audit.verifyChain()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(pm.audit.chain()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('reading', async () => {
    const ana = await createTestUser(db, 'pm', 'Ana');
    const lee = await createTestUser(db, 'admin', 'Lee');
    // 120 events over four local days; groups of seven share a timestamp, as the events of one
    // transaction do, so pages must break ties by id.
    const bulk = Array.from({ length: 120 }, (_, i) => {
      const actor = [mia, ana, lee][i % 3]!;
      const day = 1 + Math.floor(i / 30);
      return {
        at: new Date(2025, 0, day, 9, Math.floor((i % 30) / 7), 0, 0),
        actorId: actor.id,
        actorName: actor.name,
        action: ['gate.update', 'deliverable.update', 'deliverable.create', 'plan.update'][i % 4]!,
        entityType: i % 4 === 0 ? 'gate' : i % 4 === 3 ? 'plan' : 'deliverable',
        entityId: `019a0000-0000-7000-8000-${String(i % 10).padStart(12, '0')}`,
        changes: { n: i },
        requestId: `bulk-${i}`,
      };
    });

    beforeAll(async () => {
      await db.prisma.auditEvent.createMany({ data: bulk });
    });

    /** Every page of a filtered list, following nextCursor to the end. */
    const allPages = async (filter: Parameters<typeof api.audit.list>[0]) => {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof api.audit.list>> = await api.audit.list({ ...filter, cursor });
        pages.push(page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 100);
      return pages;
    };
    const expected = (where: object) =>
      db.prisma.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { id: true } }).then((rows) => rows.map((r) => r.id));

    it('pages through everything newest first, with no duplicates and no gaps', async () => {
      const pages = await allPages({ limit: 25 });
      const ids = pages.flat();
      expect(ids).toEqual(await expected({}));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(120);
      expect(pages.slice(0, -1).every((p) => p.length === 25)).toBe(true);
    });

    it('ends with a null cursor when the last page is exactly full', async () => {
      const total = (await expected({ actorId: ana.id })).length;
      expect(total).toBe(40);
      const pages = await allPages({ actorId: ana.id, limit: 20 });
      expect(pages.map((p) => p.length)).toEqual([20, 20]);
    });

    it('filters by actor, action, entity and date range, and pages within the filter', async () => {
      expect((await allPages({ actorId: lee.id, limit: 7 })).flat()).toEqual(await expected({ actorId: lee.id }));
      expect((await allPages({ action: 'deliverable.create', limit: 9 })).flat()).toEqual(await expected({ action: 'deliverable.create' }));
      expect((await allPages({ entityType: 'gate', limit: 11 })).flat()).toEqual(await expected({ entityType: 'gate' }));

      const entityId = bulk[3]!.entityId;
      const forEntity = (await allPages({ entityType: 'plan', entityId, limit: 5 })).flat();
      expect(forEntity).toEqual(await expected({ entityType: 'plan', entityId }));
      expect(forEntity.length).toBeGreaterThan(0);

      // Days 2 and 3 of January 2025, local time: events 30 to 89.
      const days = (await allPages({ from: '2025-01-02', to: '2025-01-03', limit: 13 })).flat();
      expect(days).toHaveLength(60);
      const rows = await db.prisma.auditEvent.findMany({ where: { id: { in: days } }, select: { requestId: true } });
      expect(rows.map((r) => Number(r.requestId!.slice(5))).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => 30 + i));

      const combined = (await allPages({ actorId: mia.id, action: 'gate.update', from: '2025-01-01', to: '2025-01-01' })).flat();
      expect(combined).toHaveLength(bulk.filter((e, i) => e.actorId === mia.id && e.action === 'gate.update' && i < 30).length);
    });

    it('returns the events with who, what and the page that shows the entity', async () => {
      const item = (await phase('C')).deliverables[0]!;
      await api.deliverables.update({ id: item.id, version: item.version, status: 'DONE' });
      const { items } = await api.audit.list({ entityType: 'deliverable', entityId: item.id, limit: 1 });
      const plan = (await api.plans.current())!;
      expect(items[0]).toMatchObject({
        actorName: 'Mia',
        action: 'deliverable.update',
        entityType: 'deliverable',
        entityId: item.id,
        changes: { status: { from: item.status, to: 'DONE' } },
        entity: { label: item.title, planId: plan.id, phaseKey: 'C' },
      });
      expect(items[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('refuses a cursor it did not make', async () => {
      await expect(api.audit.list({ cursor: 'bogus' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(api.audit.list({ from: '2025-02-01', to: '2025-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(api.audit.list({ limit: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('lists each actor once, by the name of their latest event', async () => {
      await db.prisma.auditEvent.create({
        data: { at: new Date(2030, 0, 1), actorId: ana.id, actorName: 'Ana Renamed', action: 'plan.update', entityType: 'plan', entityId: bulk[3]!.entityId, changes: {} },
      });
      const actors = await api.audit.actors();
      expect(actors.filter((a) => a.actorId === ana.id)).toEqual([{ actorId: ana.id, actorName: 'Ana Renamed' }]);
      expect(actors.map((a) => a.actorId)).toEqual(expect.arrayContaining([mia.id, lee.id]));
      expect(new Set(actors.map((a) => a.actorId)).size).toBe(actors.length);
    });

    it('shows one entity’s history newest first, to any signed-in role', async () => {
      const gate = (await phase('C')).gates[0]!;
      await api.gates.update({ id: gate.id, version: gate.version, ownerName: 'Platform team' });
      await api.gates.update({ id: gate.id, version: gate.version + 1, ownerName: 'Core team' });
      const viewer = callerFor(services, await createTestUser(db, 'viewer', 'Vic'));
      const { items } = await viewer.audit.forEntity({ entityType: 'gate', entityId: gate.id });
      expect(items.map((e) => e.changes)).toEqual([{ ownerName: { from: 'Platform team', to: 'Core team' } }, { ownerName: { from: gate.ownerName, to: 'Platform team' } }]);
      expect(items[0]).toMatchObject({ actorName: 'Mia', action: 'gate.update' });
    });

    it('names the phases a move refers to', async () => {
      const item = (await phase('C')).deliverables[1]!;
      const b = await phase('B');
      await api.deliverables.update({ id: item.id, version: item.version, phaseId: b.id });
      const history = await api.audit.forEntity({ entityType: 'deliverable', entityId: item.id });
      expect(history.items[0]!.changes).toMatchObject({ phaseId: { to: b.id } });
      expect(history.phaseKeys[b.id]).toBe('B');
      expect(Object.values(history.phaseKeys).sort()).toEqual(['B', 'C']);
    });
  });

  describe('who may read', async () => {
    const callers = await callersByRole(services);

    it.each(['viewer', 'sales', 'pm'] as const)('refuses the audit page to %s (FORBIDDEN)', async (role) => {
      await expect(callers[role].audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(callers[role].audit.actors()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it.each(['leadership', 'admin'] as const)('opens the audit page to %s', async (role) => {
      await expect(callers[role].audit.list({ limit: 1 })).resolves.toMatchObject({ items: expect.any(Array) });
      await expect(callers[role].audit.actors()).resolves.toEqual(expect.any(Array));
    });

    it("keeps users' histories to leadership and admins", async () => {
      const target = await createTestUser(db, 'sales');
      await expect(callers.viewer.audit.forEntity({ entityType: 'user', entityId: target.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(callers.pm.audit.forEntity({ entityType: 'user', entityId: target.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(callers.admin.audit.forEntity({ entityType: 'user', entityId: target.id })).resolves.toMatchObject({ items: [] });
    });

    it('asks a signed-out caller to sign in (UNAUTHORIZED)', async () => {
      const anonymous = callerFor(services, null);
      await expect(anonymous.audit.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(anonymous.audit.forEntity({ entityType: 'gate', entityId: '019a0000-0000-7000-8000-000000000000' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    });
  });
});
