import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../lib/dates.js';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

// The seeded launch plan on 10 March 2026: day 15 of phase A (23 Feb – 25 Mar, 31 days), nothing done.
describe('phases.scorecard', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const pm = callerFor(services, await createTestUser(db, 'pm'));
  const viewer = callerFor(services, await createTestUser(db, 'viewer'));
  const phaseA = async () => (await pm.phases.byKey({ key: 'A' })).phase;
  // The seed gives gates criteria that the criteria module evaluates; counted here straight from the table.
  const criteriaOfA = async () => {
    const where = { deletedAt: null, OR: [{ gate: { phase: { key: 'A' }, deletedAt: null } }, { deliverable: { phase: { key: 'A' }, deletedAt: null, status: { not: 'DROPPED' as const } } }] };
    return { met: await db.prisma.criterion.count({ where: { ...where, met: true } }), total: await db.prisma.criterion.count({ where }) };
  };
  const point = (card: { burnUp: { points: { date: string; due: number; done: number | null; scope: number | null }[] } }, date: string) =>
    card.burnUp.points.find((p) => p.date === date)!;

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('before anything is done, phase A cannot exit', async () => {
    const card = await viewer.phases.scorecard({ key: 'A' });
    expect(card.phase).toMatchObject({ key: 'A', startDate: '2026-02-23', endDate: '2026-03-25' });
    expect(card.days).toEqual({ state: 'inside', total: 31, elapsed: 15, left: 16, untilStart: 0, sinceEnd: 0 });
    // 21 deliverables: three due on day 6 (1 March) and three on day 13 (8 March) are overdue.
    expect(card.deliverables).toEqual({ done: 0, total: 21, dropped: 0, open: 21, overdue: 6 });
    expect(card.gates).toMatchObject({ passed: 0, total: 3, blocked: 0, failed: 0 });
    const criteria = await criteriaOfA();
    expect(card.criteria).toEqual(criteria);
    expect(card.evidence).toEqual({ broken: 0, total: 0 });
    const criteriaOk = criteria.met === criteria.total;
    expect(card.readiness).toEqual({
      canExit: false,
      open: criteriaOk ? 2 : 3,
      items: [
        { key: 'deliverablesClosed', ok: false, count: 0, total: 21 },
        { key: 'gatesPassed', ok: false, count: 0, total: 3 },
        { key: 'criteriaMet', ok: criteriaOk, count: criteria.met, total: criteria.total },
        { key: 'evidenceHealthy', ok: true, count: 0, total: 0 },
        { key: 'noGateBlocked', ok: true, count: 3, total: 3 },
      ],
    });
    // 6 of 21 overdue is more than a quarter; 0% done against 48% of the days gone.
    expect(card.health).toEqual({
      status: 'OFF_TRACK',
      reasons: [
        { code: 'overdueDeliverables', severity: 'OFF_TRACK', params: { count: 6 } },
        { code: 'behindSchedule', severity: 'AT_RISK', params: { donePct: 0, elapsedPct: 48 } },
      ],
    });
    expect(card.burnUp.granularity).toBe('day');
    expect(card.burnUp.points).toHaveLength(31);
    expect(point(card, '2026-02-23')).toEqual({ date: '2026-02-23', day: 0, due: 0, done: 0, scope: 21 });
    expect(point(card, '2026-03-10')).toEqual({ date: '2026-03-10', day: 15, due: 6, done: 0, scope: 21 });
    expect(point(card, '2026-03-25')).toEqual({ date: '2026-03-25', day: 30, due: 21, done: null, scope: null });
  });

  it('marking deliverables done moves the counts and the burn-up; re-opening one moves them back', async () => {
    const [first, second] = (await phaseA()).deliverables;
    await pm.deliverables.update({ id: first!.id, version: first!.version, status: 'DONE' });
    const { version } = await pm.deliverables.update({ id: second!.id, version: second!.version, status: 'DONE' });
    let card = await pm.phases.scorecard({ key: 'A' });
    expect(card.deliverables).toMatchObject({ done: 2, total: 21, open: 19 });
    expect(card.readiness.items[0]).toEqual({ key: 'deliverablesClosed', ok: false, count: 2, total: 21 });
    expect(point(card, '2026-03-09').done).toBe(0);
    expect(point(card, '2026-03-10').done).toBe(2);

    await pm.deliverables.update({ id: second!.id, version, status: 'IN_PROGRESS' });
    card = await pm.phases.scorecard({ key: 'A' });
    expect(card.deliverables.done).toBe(1);
    expect(point(card, '2026-03-10').done).toBe(1);
  });

  it('a dropped deliverable leaves the total; an archived or moved one leaves the scope', async () => {
    const [, a, b, c] = (await phaseA()).deliverables;
    const phaseB = (await pm.phases.byKey({ key: 'B' })).phase;
    await pm.deliverables.update({ id: a!.id, version: a!.version, status: 'DROPPED' });
    await pm.deliverables.archive({ id: b!.id });
    await pm.deliverables.update({ id: c!.id, version: c!.version, phaseId: phaseB.id });
    const card = await pm.phases.scorecard({ key: 'A' });
    expect(card.deliverables).toMatchObject({ done: 1, total: 18, dropped: 1 });
    expect(card.readiness.items[0]).toMatchObject({ count: 2, total: 19 });
    expect(point(card, '2026-03-09').scope).toBe(21);
    expect(point(card, '2026-03-10')).toMatchObject({ due: 6, done: 1, scope: 18 });

    const b2 = await pm.phases.scorecard({ key: 'B' });
    expect(b2.deliverables.total).toBe(phaseB.deliverables.length + 1);
    expect(b2.days.state).toBe('before');
    expect(b2.burnUp.granularity).toBe('week');
    expect(b2.burnUp.points.every((p) => p.done === null && p.scope === null)).toBe(true);
  });

  it('counts criteria, broken evidence and a blocked gate, and can exit once all is closed', async () => {
    const phase = await phaseA();
    const [g1, g2, g3] = phase.gates;
    const criterion = await db.prisma.criterion.create({
      data: { gateId: g1!.id, kind: 'MANUAL', key: 'mobile-pages', title: 'Mobile pages checked', config: {}, position: 0 },
      select: { id: true },
    });
    const evidence = await db.prisma.evidence.create({
      data: { title: 'Docs link report', url: 'https://example.test/report', kind: 'REPORT', capturedOn: fromIsoDate('2026-03-09'), addedByName: 'Test', health: 'BROKEN' },
      select: { id: true },
    });
    await db.prisma.evidenceLink.create({ data: { evidenceId: evidence.id, targetType: 'gate', targetId: g2!.id, byName: 'Test' } });
    await db.prisma.gate.update({ where: { id: g3!.id }, data: { status: 'BLOCKED' } });

    let card = await pm.phases.scorecard({ key: 'A' });
    expect(card.criteria).toEqual(await criteriaOfA());
    expect(card.criteria.total - card.criteria.met).toBeGreaterThan(0);
    expect(card.evidence).toEqual({ broken: 1, total: 1 });
    expect(card.readiness).toMatchObject({ canExit: false, open: 5 });
    expect(card.health.reasons.map((r) => r.code)).toEqual(['gateBlocked', 'overdueDeliverables', 'behindSchedule', 'brokenEvidence']);

    // Close everything: the remaining deliverables through the API, the rest as its owners would.
    for (const d of (await phaseA()).deliverables.filter((x) => x.status !== 'DONE' && x.status !== 'DROPPED')) {
      await pm.deliverables.update({ id: d.id, version: d.version, status: 'DONE' });
    }
    await db.prisma.gate.updateMany({ where: { phaseId: phase.id }, data: { status: 'PASSED' } });
    await db.prisma.criterion.updateMany({ where: { OR: [{ id: criterion.id }, { gate: { phaseId: phase.id } }] }, data: { met: true, evaluatedAt: new Date() } });
    await db.prisma.evidence.update({ where: { id: evidence.id }, data: { health: 'HEALTHY' } });

    card = await pm.phases.scorecard({ key: 'A' });
    expect(card.readiness).toMatchObject({ canExit: true, open: 0 });
    expect(card.health).toEqual({ status: 'ON_TRACK', reasons: [] });
    expect(card.deliverables).toMatchObject({ done: 18, total: 18 });
    expect(point(card, '2026-03-10')).toMatchObject({ done: 18, scope: 18 });
  });

  it('reads another plan by id, and says when the phase does not exist', async () => {
    const plan = (await pm.phases.byKey({ key: 'A' })).plan;
    expect((await viewer.phases.scorecard({ key: 'C', planId: plan.id })).phase.key).toBe('C');
    await expect(viewer.phases.scorecard({ key: 'Z' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(viewer.phases.scorecard({ key: 'A', planId: '0192a000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(services, null).phases.scorecard({ key: 'A' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
