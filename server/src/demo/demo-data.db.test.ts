import { describe, expect, it } from 'vitest';
import { callerFor, createTestDb, testServices } from '../test/test-db.js';
import { auditActionSchemas, parseAuditChanges, type AuditAction } from '../modules/audit/audit-actions.schema.js';
import { demoAccounts } from './demo-accounts.js';
import { DEMO_METRIC_WEEKS, seedDemo } from './demo-data.js';

describe('demo mode', async () => {
  const db = await createTestDb();
  const today = '2026-11-26';
  const services = { ...(await testServices(db, today)), demoAccounts };

  it('shifts the plan so today falls inside phase B, with phase A done', async () => {
    expect(await seedDemo(db.prisma, services.auth, today)).toEqual({ seeded: true });
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: demoAccounts[0]!.email } });
    const api = callerFor(services, { id: admin.id, name: admin.name, email: admin.email, role: 'admin' });
    const plan = (await api.plans.current())!;
    expect(plan.timeline.state).toBe('inside');
    expect(plan.phases.find((p) => p.key === 'B')!.state).toBe('inside');
    expect(new Date(`${plan.startDate}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    const a = plan.phases[0]!;
    expect(a.gatesPassed).toBe(a.gates.length);
    expect(a.progress.done).toBe(a.progress.total - 1);
    expect(plan.phases[1]!.gates.map((g) => g.status)).toContain('AT_RISK');
  });

  it('creates one user per role, listed for the login page only in demo mode', async () => {
    const users = await db.prisma.user.findMany({ select: { role: true } });
    expect(users.map((u) => u.role).sort()).toEqual(['admin', 'leadership', 'pm', 'sales', 'viewer']);
    expect(await callerFor(services, null).users.demoAccounts()).toHaveLength(5);
    expect(await callerFor({ ...services, demoAccounts: undefined }, null).users.demoAccounts()).toEqual([]);
  });

  it('adds demo partners with stage history, so the funnel has numbers', async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: demoAccounts[0]!.email } });
    const api = callerFor(services, { id: admin.id, name: admin.name, email: admin.email, role: 'admin' });
    expect((await api.partners.list()).total).toBe(6);
    const funnel = await api.partners.funnel({});
    expect(funnel.reached.POC).toBe(4);
    expect(funnel.lostReasons).toHaveLength(2);
  });

  it('adds ten past weeks of the website KPIs with demo targets, and leaves the current week to enter', async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: demoAccounts[0]!.email } });
    const api = callerFor(services, { id: admin.id, name: admin.name, email: admin.email, role: 'admin' });
    const { weeks, metrics } = await api.metrics.list({ weeks: DEMO_METRIC_WEEKS + 1 });
    expect(metrics).toHaveLength(6);
    for (const m of metrics) {
      expect(m.values.map((v) => v.week)).toEqual(weeks.slice(0, -1));
      expect(m.target).toBeGreaterThan(0);
      expect(m.trend.change).not.toBeNull();
    }
    expect(weeks.at(-1)).toBe('2026-11-23'); // the Monday of the week of 2026-11-26
  });

  it('seeds once: a second call changes nothing', async () => {
    expect(await seedDemo(db.prisma, services.auth, today)).toEqual({ seeded: false });
    expect(await db.prisma.user.count()).toBe(5);
  });
  it('closes last week\'s review with a decision and two action items, one still open and carried over', async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: demoAccounts[0]!.email } });
    const api = callerFor(services, { id: admin.id, name: admin.name, email: admin.email, role: 'admin' });
    expect(await api.reviews.list()).toMatchObject([{ weekStart: '2026-11-16', status: 'CLOSED', decisions: 1, actionItems: 2, attendees: 4 }]);
    const last = (await api.reviews.byWeek({ weekStart: '2026-11-16' }))!;
    expect(last.actionItems.map((a) => a.status)).toEqual(['DONE', 'OPEN']);
    expect((await api.reviews.openActionItems()).items.map((a) => a.title)).toEqual(['Add a gate-run report for the at-risk gate']);
    await api.reviews.openThisWeek();
    const now = (await api.reviews.byWeek({ weekStart: '2026-11-23' }))!;
    expect(now.agenda.find((s) => s.key === 'actions')!.items.map((i) => i.title)).toEqual(['Add a gate-run report for the at-risk gate']);
  });

  // Most fixtures go straight to the tables; what goes through the services (criteria re-evaluated,
  // the closed review) writes its events as people's writes do.
  it('writes audit events that each parse by their action\'s schema', async () => {
    const events = await db.prisma.auditEvent.findMany({ select: { action: true, changes: true } });
    expect([...new Set(events.map((e) => e.action))].sort()).toEqual(['actionItem.create', 'actionItem.status', 'criterion.flip', 'review.close', 'review.create', 'review.decision', 'review.note']);
    const unparsed = events.filter((e) => !(e.action in auditActionSchemas) || parseAuditChanges(e.action as AuditAction, e.changes) === null);
    expect(unparsed).toEqual([]);
  });
});
