import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { fromIsoDate } from '../../lib/dates.js';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { homeOverview } from './home.service.js';

// The seeded launch plan on Tuesday 10 March 2026: day 15 of 180, in phase A (23 Feb – 25 Mar).
describe('home.overview', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const viewer = callerFor(services, await createTestUser(db, 'viewer'));
  const pm = callerFor(services, await createTestUser(db, 'pm'));
  const sales = callerFor(services, await createTestUser(db, 'sales'));

  /** The overview through a client that counts the queries it sends. */
  async function countedOverview() {
    let queries = 0;
    const counting = db.prisma.$extends({
      query: {
        $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as Db;
    const overview = await homeOverview(counting, '2026-03-10');
    return { overview, queries };
  }

  it('with no plan yet says so, and still shows the funnel and KPIs', async () => {
    const overview = await viewer.home.overview();
    expect(overview.plan).toBeNull();
    expect(overview.week).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(overview.funnel.targets.map((t) => t.key)).toEqual(['hostedPoc', 'paidTrial', 'platformDesignPartners']);
    expect(overview.kpis.weeks).toHaveLength(8);
  });

  it('shows where the current plan stands: day, phase, every gate with its health and criteria', async () => {
    await seedIfEmpty(db.prisma);
    const { plan } = await viewer.home.overview();
    expect(plan).not.toBeNull();
    expect(plan!.timeline).toMatchObject({ state: 'inside', day: 15, lengthDays: 180 });
    expect(plan!.currentPhase).toMatchObject({ key: 'A', endDate: '2026-03-25', daysLeft: 15 });
    expect(plan!.phases.map((p) => p.key)).toEqual(['A', 'B', 'C']);

    const stored = await db.prisma.gate.findMany({
      where: { deletedAt: null, phase: { plan: { isCurrent: true } } },
      select: { id: true, status: true, phase: { select: { key: true } }, criteria: { where: { deletedAt: null }, select: { met: true } } },
    });
    const gates = plan!.phases.flatMap((p) => p.gates);
    expect(gates.map((g) => g.id).sort()).toEqual(stored.map((g) => g.id).sort());
    for (const g of stored) {
      const shown = gates.find((x) => x.id === g.id)!;
      expect(shown).toMatchObject({ phaseKey: g.phase.key, status: g.status, criteriaTotal: g.criteria.length, criteriaMet: g.criteria.filter((c) => c.met).length });
    }
    // Suggested health, worked out by hand from the seed: every gate has unmet criteria and was touched
    // just now, and phase A's gates are due on 25 March, 15 days away: one day more than "due soon".
    expect(gates.map((g) => g.health)).toEqual(gates.map(() => 'ON_TRACK'));
  });

  it('shows a gate at risk once it is due soon with most criteria unmet', async () => {
    // Two days later phase A's gates are due in 13 days with none of their criteria met; B's and C's
    // are months away.
    const { plan } = await homeOverview(db.prisma, '2026-03-12');
    const health = Object.fromEntries(plan!.phases.map((p) => [p.key, [...new Set(p.gates.map((g) => g.health))]]));
    expect(health).toEqual({ A: ['AT_RISK'], B: ['ON_TRACK'], C: ['ON_TRACK'] });
  });

  it('lists the deliverables due this week and the overdue ones', async () => {
    const open = { deletedAt: null, phase: { plan: { isCurrent: true } }, status: { notIn: ['DONE' as const, 'DROPPED' as const] } };
    const overdueIds = await db.prisma.deliverable.findMany({ where: { ...open, dueDate: { lt: fromIsoDate('2026-03-10') } }, select: { id: true } });
    const weekIds = await db.prisma.deliverable.findMany({
      where: { ...open, dueDate: { gte: fromIsoDate('2026-03-10'), lte: fromIsoDate('2026-03-15') } },
      select: { id: true },
    });
    const { plan } = await viewer.home.overview();
    // The seed has three due on day 6 (1 March) and three on day 13 (8 March).
    expect(plan!.overdue).toHaveLength(6);
    expect(plan!.overdue.map((d) => d.id).sort()).toEqual(overdueIds.map((d) => d.id).sort());
    expect(plan!.dueThisWeek.map((d) => d.id).sort()).toEqual(weekIds.map((d) => d.id).sort());
    expect(plan!.dueThisWeek.length).toBeGreaterThan(0);
    expect(plan!.overdue[0]).toMatchObject({ phaseKey: 'A', dueDate: '2026-03-01', status: 'NOT_STARTED' });
    expect(plan!.overdue[0]).toHaveProperty('ownerName');

    // Done this week stays in the week; done late leaves the overdue list.
    const late = plan!.overdue[0]!;
    const { version } = await db.prisma.deliverable.findUniqueOrThrow({ where: { id: late.id }, select: { version: true } });
    await pm.deliverables.update({ id: late.id, version, status: 'DONE' });
    const after = await viewer.home.overview();
    expect(after.plan!.overdue.map((d) => d.id)).not.toContain(late.id);
    expect(after.plan!.dueThisWeek.map((d) => d.id)).not.toContain(late.id);
  });

  it('briefs the funnel against the phase targets and the KPIs against theirs', async () => {
    const partner = await sales.partners.create({ company: 'Hosted Co', segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED', stage: 'POC' });
    // The funnel counts what had happened by today (10 March): date the creation before it.
    await db.prisma.stageTransition.updateMany({ where: { partnerId: partner.id }, data: { at: new Date('2026-03-05T12:00:00Z') } });
    const metric = await db.prisma.metric.findFirstOrThrow({ where: { archivedAt: null }, orderBy: { position: 'asc' } });
    await db.prisma.metric.update({ where: { id: metric.id }, data: { target: 10, direction: 'UP' } });
    await pm.metrics.setValues({
      values: [
        { metricId: metric.id, week: '2026-03-02', value: 4 },
        { metricId: metric.id, week: '2026-03-09', value: 7 },
      ],
    });

    const { funnel, kpis } = await viewer.home.overview();
    expect(funnel.partners).toBe(1);
    expect(funnel.reached).toMatchObject({ LEAD: 1, QUALIFIED: 1, POC: 1, PAID_TRIAL: 0, PAID: 0 });
    expect(funnel.targets[0]).toEqual({ key: 'hostedPoc', phase: 'B', count: 1, target: 3, met: false });

    expect(kpis.weeks.at(-1)).toBe('2026-03-09');
    const kpi = kpis.metrics.find((m) => m.key === metric.key)!;
    expect(kpi).toMatchObject({ name: metric.name, target: 10, direction: 'UP', latest: { week: '2026-03-09', value: 7 } });
    expect(kpi.values).toHaveLength(8);
    expect(kpi.values.slice(-3)).toEqual([
      { week: '2026-02-23', value: null },
      { week: '2026-03-02', value: 4 },
      { week: '2026-03-09', value: 7 },
    ]);
    expect(kpi.vsTarget).toMatchObject({ gap: -3, met: false });
    expect(kpis.metrics.length).toBe(await db.prisma.metric.count({ where: { archivedAt: null } }));
  });

  it('sends the same number of queries however many gates, deliverables, partners and values there are', async () => {
    const before = await countedOverview();
    const phaseB = await db.prisma.phase.findFirstOrThrow({ where: { key: 'B', plan: { isCurrent: true } } });
    for (let i = 0; i < 4; i++) {
      await pm.gates.create({ phaseId: phaseB.id, title: `Extra gate ${i}`, status: 'ON_TRACK' });
      await pm.deliverables.create({ phaseId: phaseB.id, title: `Extra deliverable ${i}`, ownerName: 'Ana', dueDate: '2026-03-12' });
      await sales.partners.create({ company: `Extra ${i}`, segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'PLATFORM', stage: 'QUALIFIED' });
    }
    const after = await countedOverview();
    expect(after.overview.plan!.phases[1]!.gates.length).toBe(before.overview.plan!.phases[1]!.gates.length + 4);
    expect(after.overview.plan!.dueThisWeek.length).toBe(before.overview.plan!.dueThisWeek.length + 4);
    expect(after.queries).toBe(before.queries);
    expect(before.queries).toBeLessThanOrEqual(6);
  });
});
