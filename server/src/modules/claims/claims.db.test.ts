import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

describe('claims and the stability-first rule', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const leadershipUser = await createTestUser(db, 'leadership', 'Lee Lead');
  const api = {
    viewer: callerFor(services, await createTestUser(db, 'viewer')),
    sales: callerFor(services, await createTestUser(db, 'sales', 'Sam Seller')),
    pm: callerFor(services, await createTestUser(db, 'pm', 'Pat PM')),
    leadership: callerFor(services, leadershipUser),
    admin: callerFor(services, await createTestUser(db, 'admin')),
  };
  const base = { statement: 'Recall p95 under 50 ms on Aionis Cloud', channel: 'WEBSITE', layer: 'CLOUD' } as const;

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  /** Evidence is attached by the evidence module; here it is written directly. */
  async function attachEvidence(claimId: string, title: string, health: 'UNCHECKED' | 'HEALTHY' | 'BROKEN' = 'HEALTHY') {
    const evidence = await db.prisma.evidence.create({
      data: { title, url: `https://example.test/${encodeURIComponent(title)}`, kind: 'REPORT', capturedOn: new Date('2026-03-01'), addedByName: 'Test', health },
    });
    await db.prisma.evidenceLink.create({ data: { evidenceId: evidence.id, targetType: 'claim', targetId: claimId, byName: 'Test' } });
    return evidence.id;
  }
  const setHealth = (id: string, health: 'UNCHECKED' | 'HEALTHY' | 'BROKEN') => db.prisma.evidence.update({ where: { id }, data: { health } });
  const currentGate = async (title: string) => db.prisma.gate.findFirstOrThrow({ where: { title, phase: { plan: { isCurrent: true } } } });
  const setGateStatus = (id: string, status: 'BLOCKED' | 'ON_TRACK' | 'PENDING') => db.prisma.gate.update({ where: { id }, data: { status } });
  const stored = (id: string) => db.prisma.claim.findUniqueOrThrow({ where: { id } });
  const auditOf = (id: string) => db.prisma.auditEvent.findMany({ where: { entityType: 'claim', entityId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

  /** A claim approved by leadership with healthy evidence, ready to publish. */
  async function approvedClaim(statement: string) {
    const { id, version } = await api.sales.claims.create({ ...base, statement, boundary: 'Measured on the Cloud Team tier, single region' });
    await attachEvidence(id, `Benchmark for ${statement}`);
    await api.leadership.claims.approve({ id, version });
    return { id, version: version + 1 };
  }

  it('creates a draft with the creator named and an audit event; viewers may not', async () => {
    const { id, version } = await api.sales.claims.create({ ...base, boundary: '  Cloud Team tier  ' });
    expect(version).toBe(1);
    const claim = await api.viewer.claims.byId({ id });
    expect(claim).toMatchObject({ ...base, boundary: 'Cloud Team tier', status: 'DRAFT', createdByName: 'Sam Seller', approvedByName: null, evidence: [] });
    expect((await auditOf(id)).map((e) => [e.action, e.actorName])).toEqual([['claim.create', 'Sam Seller']]);
    await expect(api.viewer.claims.create(base)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses approval without a boundary and evidence, saying both, and changes nothing', async () => {
    const { id, version } = await api.sales.claims.create(base);
    const before = await stored(id);
    await expect(api.leadership.claims.approve({ id, version })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Approval needs a boundary statement; Approval needs at least one piece of evidence attached',
    });
    await expect(api.pm.claims.approve({ id, version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await stored(id)).toEqual(before);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('does not count archived evidence as attached', async () => {
    const { id, version } = await api.sales.claims.create({ ...base, boundary: 'Single region' });
    const evidenceId = await attachEvidence(id, 'Archived report');
    await db.prisma.evidence.update({ where: { id: evidenceId }, data: { archivedAt: new Date() } });
    expect((await api.viewer.claims.byId({ id })).evidence).toEqual([]);
    await expect(api.leadership.claims.approve({ id, version })).rejects.toMatchObject({ message: 'Approval needs at least one piece of evidence attached' });
  });

  it('leadership approves; the claim shows its evidence and the steps open to each role', async () => {
    const { id, version } = await api.sales.claims.create({ ...base, statement: 'Approve me', boundary: 'OSS only' });
    await attachEvidence(id, 'Load test run', 'UNCHECKED');
    expect((await api.pm.claims.byId({ id })).actions.approve).toEqual({ available: false, blockers: [] });
    expect((await api.leadership.claims.byId({ id })).actions.approve).toEqual({ available: true, blockers: [] });

    await api.leadership.claims.approve({ id, version });
    const claim = await api.pm.claims.byId({ id });
    expect(claim).toMatchObject({ status: 'APPROVED', approvedByName: 'Lee Lead', version: 2 });
    expect(claim.approvedAt).not.toBeNull();
    expect(claim.evidence).toMatchObject([{ title: 'Load test run', kind: 'REPORT', health: 'UNCHECKED', url: 'https://example.test/Load%20test%20run' }]);
    expect(claim.actions.publish).toEqual({ available: true, blockers: [{ code: 'noHealthyEvidence' }] });
    expect((await api.sales.claims.byId({ id })).actions.publish.available).toBe(false);
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'claim.approve', actorName: 'Lee Lead', changes: { status: { from: 'DRAFT', to: 'APPROVED' }, evidence: ['Load test run'] } });
  });

  it('refuses publishing until the evidence is healthy, naming broken evidence', async () => {
    const { id, version } = await api.sales.claims.create({ ...base, statement: 'Needs healthy evidence', boundary: 'Cloud only' });
    const evidenceId = await attachEvidence(id, 'Docs page', 'UNCHECKED');
    await api.leadership.claims.approve({ id, version });
    await expect(api.pm.claims.publish({ id, version: 2 })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Publishing needs healthy evidence: no attached evidence has been checked healthy yet',
    });
    await setHealth(evidenceId, 'BROKEN');
    await expect(api.pm.claims.publish({ id, version: 2 })).rejects.toMatchObject({ message: expect.stringContaining('Evidence "Docs page" is broken') });
    await setHealth(evidenceId, 'HEALTHY');
    await api.pm.claims.publish({ id, version: 2 });
    expect(await stored(id)).toMatchObject({ status: 'PUBLISHED', overrideReason: null });
    expect((await stored(id)).publishedAt).not.toBeNull();
  });

  it('refuses a draft publish and a stale version', async () => {
    const { id, version } = await api.sales.claims.create({ ...base, statement: 'Still a draft', boundary: 'x' });
    await attachEvidence(id, 'Draft evidence');
    await expect(api.pm.claims.publish({ id, version })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: 'Publishing needs leadership approval first' });
    await api.sales.claims.update({ id, version, statement: 'Still a draft, reworded' });
    await expect(api.leadership.claims.approve({ id, version })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await stored(id)).status).toBe('DRAFT');
  });

  it('sends an approved claim back to draft when its text changes, not when nothing changes', async () => {
    const { id, version } = await approvedClaim('Edit after approval');
    const same = await api.pm.claims.update({ id, version, statement: 'Edit after approval', layer: 'CLOUD' });
    expect(same.status).toBe('APPROVED');
    const changed = await api.sales.claims.update({ id, version: same.version, boundary: 'Now also multi-region' });
    expect(changed).toEqual({ id, version: same.version + 1, status: 'DRAFT' });
    expect(await stored(id)).toMatchObject({ status: 'DRAFT', approvedByName: null, approvedAt: null, boundary: 'Now also multi-region' });
    expect((await auditOf(id)).at(-1)!.changes).toEqual({
      boundary: { from: 'Measured on the Cloud Team tier, single region', to: 'Now also multi-region' },
      status: { from: 'APPROVED', to: 'DRAFT' },
    });
  });

  describe('while a gate of the current plan is blocked', () => {
    const title = 'Docs links all green';

    it('the stability state names the gate with its phase; publishing is held; leadership overrides with a reason', async () => {
      const gate = await db.prisma.gate.findFirstOrThrow({ where: { phase: { plan: { isCurrent: true }, key: 'B' } }, include: { phase: true }, orderBy: { position: 'asc' } });
      await db.prisma.gate.update({ where: { id: gate.id }, data: { title } });
      const { id, version } = await approvedClaim('Held while blocked');
      expect(await api.viewer.stability.state()).toEqual({ blocked: [], held: false });

      await setGateStatus(gate.id, 'BLOCKED');
      try {
        expect(await api.viewer.stability.state()).toEqual({ blocked: [{ gateId: gate.id, title, phaseKey: 'B', phaseName: gate.phase.name }], held: true });
        const before = await stored(id);
        await expect(api.pm.claims.publish({ id, version })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: `Publishing is held: gate "${title}" is blocked` });
        await expect(api.pm.claims.publish({ id, version, overrideReason: 'Customers need this now' })).rejects.toMatchObject({
          code: 'FORBIDDEN',
          message: 'Only leadership may publish over a blocked gate',
        });
        expect(await stored(id)).toEqual(before);

        const pmView = await api.pm.claims.byId({ id });
        expect(pmView.actions.publish).toEqual({ available: true, blockers: [{ code: 'held', gates: [title] }] });
        expect(pmView.actions.canOverride).toBe(false);
        expect((await api.leadership.claims.byId({ id })).actions.canOverride).toBe(true);

        const result = await api.leadership.claims.publish({ id, version, overrideReason: '  Security advisory must go out today ' });
        expect(result).toEqual({ id, version: version + 1, overridden: true });
        expect(await stored(id)).toMatchObject({ status: 'PUBLISHED', overrideReason: 'Security advisory must go out today' });
        expect((await auditOf(id)).at(-1)).toMatchObject({
          action: 'claim.publish',
          actorName: 'Lee Lead',
          changes: { status: { from: 'APPROVED', to: 'PUBLISHED' }, overrideReason: 'Security advisory must go out today', blockedGates: [title] },
        });
      } finally {
        await setGateStatus(gate.id, 'ON_TRACK');
      }
      expect((await api.viewer.stability.state()).held).toBe(false);
    });

    it('ignores deleted gates and gates of plans that are not current', async () => {
      const gate = await currentGate(title);
      await db.prisma.gate.update({ where: { id: gate.id }, data: { status: 'BLOCKED', deletedAt: new Date() } });
      const other = await db.prisma.plan.create({
        data: { name: 'Old plan', startDate: new Date('2025-01-01'), isCurrent: false, phases: { create: { key: 'A', name: 'Old', startDay: 0, endDay: 30, goal: '' } } },
        include: { phases: true },
      });
      await db.prisma.gate.create({ data: { phaseId: other.phases[0]!.id, key: 'old-blocked-gate', title: 'Old blocked gate', status: 'BLOCKED', position: 0 } });
      try {
        expect(await api.viewer.stability.state()).toEqual({ blocked: [], held: false });
        const { id, version } = await approvedClaim('Not held by the past');
        await api.pm.claims.publish({ id, version });
        expect((await stored(id)).status).toBe('PUBLISHED');
      } finally {
        await db.prisma.gate.update({ where: { id: gate.id }, data: { status: 'ON_TRACK', deletedAt: null } });
      }
    });

    it('an override reason when nothing is held is not recorded', async () => {
      const { id, version } = await approvedClaim('Nothing to override');
      expect(await api.leadership.claims.publish({ id, version, overrideReason: 'Just in case' })).toMatchObject({ overridden: false });
      expect(await stored(id)).toMatchObject({ status: 'PUBLISHED', overrideReason: null });
    });
  });

  it('a published claim is read-only but may be retracted with a reason', async () => {
    const { id, version } = await approvedClaim('Retract me');
    await api.pm.claims.publish({ id, version });
    await expect(api.leadership.claims.update({ id, version: version + 1, statement: 'Sneaky edit' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This claim is published and can no longer be edited; retract it and write a new one',
    });
    await expect(api.pm.claims.archive({ id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(api.pm.claims.retract({ id, version: version + 1, reason: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.sales.claims.retract({ id, version: version + 1, reason: 'Wrong' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.pm.claims.retract({ id, version: version + 1, reason: 'Benchmark was on old hardware' });
    expect(await stored(id)).toMatchObject({ status: 'RETRACTED', retractedReason: 'Benchmark was on old hardware', statement: 'Retract me' });
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'claim.retract', changes: { status: { from: 'PUBLISHED', to: 'RETRACTED' }, reason: 'Benchmark was on old hardware' } });
    const actions = (await api.admin.claims.byId({ id })).actions;
    expect([actions.edit.available, actions.approve.available, actions.publish.available, actions.retract.available, actions.archive.available]).toEqual([false, false, false, false, false]);
  });

  it('deletes a draft with undo; approved claims are not deleted', async () => {
    const { id } = await api.sales.claims.create({ ...base, statement: 'Delete me' });
    await api.sales.claims.archive({ id });
    expect((await api.viewer.claims.list({})).items.map((c) => c.id)).not.toContain(id);
    expect((await api.viewer.claims.byId({ id })).actions.restore).toEqual({ available: false, blockers: [] });
    expect((await api.sales.claims.byId({ id })).actions.restore).toEqual({ available: true, blockers: [] });
    await expect(api.sales.claims.update({ id, version: 2, statement: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.sales.claims.archive({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await api.sales.claims.restore({ id });
    expect((await api.viewer.claims.list({})).items.map((c) => c.id)).toContain(id);
    await expect(api.sales.claims.restore({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['claim.create', 'claim.delete', 'claim.restore']);

    const approved = await approvedClaim('Approved stays');
    await expect(api.sales.claims.archive({ id: approved.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: 'Only a draft can be deleted; this claim is approved' });
  });

  it('lists with filters, evidence health and counts per status', async () => {
    const { id } = await api.sales.claims.create({ statement: 'Zebra claim for the sales deck', channel: 'SALES_DECK', layer: 'PLATFORM', boundary: 'Platform design partners only' });
    await attachEvidence(id, 'Zebra evidence', 'BROKEN');
    await attachEvidence(id, 'Zebra healthy');

    const all = await api.viewer.claims.list({});
    expect(all.counts.total).toBe(all.items.length);
    expect(all.counts.DRAFT + all.counts.APPROVED + all.counts.PUBLISHED + all.counts.RETRACTED).toBe(all.counts.total);
    expect(all.counts.PUBLISHED).toBeGreaterThan(0);

    const zebra = await api.viewer.claims.list({ q: 'zebra' });
    expect(zebra.items).toHaveLength(1);
    expect(zebra.items[0]).toMatchObject({ id, evidence: { total: 2, healthy: 1, broken: 1 } });
    expect((await api.viewer.claims.list({ q: 'PLATFORM DESIGN' })).items.map((c) => c.id)).toEqual([id]); // boundary text too
    expect((await api.viewer.claims.list({ channel: 'SALES_DECK', layer: 'PLATFORM' })).items.map((c) => c.id)).toEqual([id]);
    expect((await api.viewer.claims.list({ layer: 'OSS', channel: 'SALES_DECK' })).items).toEqual([]);

    const published = await api.viewer.claims.list({ status: 'PUBLISHED' });
    expect(published.items.every((c) => c.status === 'PUBLISHED')).toBe(true);
    // Counts ignore the status filter (the tabs show every status's count).
    expect(published.counts).toEqual(all.counts);
    await expect(api.viewer.claims.list({ status: 'LIVE' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
