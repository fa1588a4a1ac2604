import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

describe('gates', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-04-01');
  const api = callerFor(services, await createTestUser(db, 'leadership'));
  const phase = async (key: string) => (await api.phases.byKey({ key })).phase;

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('changes status; a decided gate is no longer overdue', async () => {
    const a = await phase('A');
    const gate = a.gates[0]!;
    expect(gate.overdue).toBe(true);
    await api.gates.setStatus({ id: gate.id, version: gate.version, status: 'FAILED', decision: 'NO_GO', reason: 'Pages still 404 on mobile' });
    const after = await phase('A');
    expect(after.gatesPassed).toBe(0);
    expect(after.gates[0]!).toMatchObject({ status: 'FAILED', overdue: false });
  });

  it('refuses a status outside the gate vocabulary', async () => {
    const gate = (await phase('B')).gates[0]!;
    await expect(api.gates.setStatus({ id: gate.id, version: gate.version, status: 'DONE' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.gates.update({ id: gate.id, version: gate.version, status: 'PASSED' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('creates, archives, restores and reorders', async () => {
    const c = await phase('C');
    const { id } = await api.gates.create({ phaseId: c.id, title: 'Security review passed', status: 'ON_TRACK' });
    const ids = (await phase('C')).gates.map((g) => g.id);
    expect(ids.at(-1)).toBe(id);
    await api.gates.reorder({ phaseId: c.id, orderedIds: [id, ...ids.slice(0, -1)] });
    expect((await phase('C')).gates[0]!.id).toBe(id);
    await api.gates.archive({ id });
    expect((await phase('C')).gates.map((g) => g.id)).not.toContain(id);
    await api.gates.restore({ id });
    expect((await phase('C')).gates[0]!.id).toBe(id);
  });
});

describe('phases', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-04-01');
  const api = callerFor(services, await createTestUser(db, 'leadership'));

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('reads a phase of the current plan by key, with the plan around it', async () => {
    const { plan, phase } = await api.phases.byKey({ key: 'B' });
    expect(plan.phaseKeys).toEqual(['A', 'B', 'C']);
    expect(plan.timeline).toMatchObject({ state: 'inside', day: 37 });
    expect(phase).toMatchObject({ key: 'B', name: 'Hosted Revenue Motion', state: 'inside', startDate: '2026-03-26' });
  });

  it('answers NOT_FOUND for a phase the plan does not have', async () => {
    await expect(api.phases.byKey({ key: 'Z' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('edits the goal and days, and refuses days past the plan', async () => {
    const { phase } = await api.phases.byKey({ key: 'C' });
    await api.phases.update({ id: phase.id, version: phase.version, goal: 'Make Layer 3 verifiable' });
    const edited = (await api.phases.byKey({ key: 'C' })).phase;
    expect(edited.goal).toBe('Make Layer 3 verifiable');
    await expect(api.phases.update({ id: phase.id, version: edited.version, endDay: 400 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.phases.update({ id: phase.id, version: edited.version, startDay: 100, endDay: 90 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await api.phases.byKey({ key: 'C' })).phase.endDay).toBe(180);
  });
});
