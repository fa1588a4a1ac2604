import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { readLaunchPlan, seedIfEmpty } from '../seed/seed.service.js';

describe('plans', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-11-26');
  const api = callerFor(services, await createTestUser(db, 'leadership'));

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('serves the seeded launch plan as current, after its end', async () => {
    const plan = await api.plans.current();
    expect(plan).not.toBeNull();
    expect(plan!.name).toMatch(/Aionis/);
    expect(plan!.startDate).toBe('2026-02-23');
    expect(plan!.timeline).toMatchObject({ state: 'after', endDate: '2026-08-22', daysSinceEnd: 96 });
    expect(plan!.phases.map((p) => [p.key, p.startDate, p.endDate])).toEqual([
      ['A', '2026-02-23', '2026-03-25'],
      ['B', '2026-03-26', '2026-05-24'],
      ['C', '2026-05-25', '2026-08-22'],
    ]);
  });

  it('seeding again changes nothing, even after edits', async () => {
    const plan = (await api.plans.current())!;
    const first = plan.phases[0]!.deliverables[0]!;
    await api.deliverables.update({ id: first.id, version: first.version, title: 'Edited title' });
    expect(await seedIfEmpty(db.prisma)).toEqual({ seeded: false });
    const again = (await api.plans.current())!;
    expect(again.phases[0]!.deliverables[0]!.title).toBe('Edited title');
    expect(await db.prisma.plan.count()).toBe(1);
  });

  it('copies a plan with dates shifted and statuses reset, and makes it current', async () => {
    const source = (await api.plans.current())!;
    const gate = source.phases[0]!.gates[0]!;
    await api.gates.setStatus({ id: gate.id, version: gate.version, status: 'FAILED', decision: 'NO_GO', reason: 'Copy test' });
    const { id } = await api.plans.create({ name: 'Next 180 days', startDate: '2026-08-24', copyFromPlanId: source.id });
    const copy = await api.plans.byId({ id });
    expect(copy.isCurrent).toBe(true);
    expect(copy.timeline).toMatchObject({ state: 'inside', day: 94 });
    const seed = await readLaunchPlan();
    expect(copy.phases.map((p) => p.deliverables.length)).toEqual(seed.phases.map((p) => p.deliverables.length));
    expect(copy.phases[0]!.gates[0]!).toMatchObject({ status: 'PENDING', dueDate: '2026-09-23' });
    expect(copy.phases.flatMap((p) => p.deliverables).every((d) => d.status === 'NOT_STARTED')).toBe(true);
    // The old plan stays readable and is no longer current.
    const old = await api.plans.byId({ id: source.id });
    expect(old.isCurrent).toBe(false);
    expect(old.phases[0]!.gates[0]!.status).toBe('FAILED');
    const list = await api.plans.list();
    expect(list.filter((p) => p.isCurrent).map((p) => p.id)).toEqual([id]);
  });

  it('creates a blank plan with the three empty phases and can switch back', async () => {
    const before = (await api.plans.current())!;
    const { id } = await api.plans.create({ name: 'Blank', startDate: '2026-12-07', makeCurrent: false });
    const blank = await api.plans.byId({ id });
    expect(blank.timeline).toMatchObject({ state: 'before', daysUntilStart: 11 });
    expect(blank.phases.map((p) => p.key)).toEqual(['A', 'B', 'C']);
    expect(blank.phases.flatMap((p) => [...p.deliverables, ...p.gates])).toEqual([]);
    expect((await api.plans.current())!.id).toBe(before.id);
    await api.plans.setCurrent({ id });
    expect((await api.plans.current())!.id).toBe(id);
  });

  it('refuses a stale plan update and a copy of a missing plan', async () => {
    const plan = (await api.plans.current())!;
    await api.plans.update({ id: plan.id, version: plan.version, name: 'Renamed' });
    await expect(api.plans.update({ id: plan.id, version: plan.version, name: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      api.plans.create({ name: 'X', startDate: '2027-01-04', copyFromPlanId: '0192a000-0000-7000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(TRPCError);
  });
});
