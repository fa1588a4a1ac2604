import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

describe('deliverables', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const api = callerFor(services, await createTestUser(db, 'leadership'));
  const phaseA = async () => (await api.phases.byKey({ key: 'A' })).phase;

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('creates at the end of the phase and shows it with its computed fields', async () => {
    const before = await phaseA();
    const { id } = await api.deliverables.create({ phaseId: before.id, title: '  Launch blog post  ', dueDate: '2026-03-05' });
    const after = await phaseA();
    expect(after.deliverables).toHaveLength(before.deliverables.length + 1);
    expect(after.deliverables.at(-1)).toMatchObject({ id, title: 'Launch blog post', status: 'NOT_STARTED', dueDate: '2026-03-05', overdue: true });
  });

  it('updates fields, stamps completion and bumps the version', async () => {
    const item = (await phaseA()).deliverables[0]!;
    const result = await api.deliverables.update({ id: item.id, version: item.version, status: 'DONE', ownerName: 'Mia' });
    expect(result.version).toBe(item.version + 1);
    const row = await db.prisma.deliverable.findUniqueOrThrow({ where: { id: item.id } });
    expect(row).toMatchObject({ status: 'DONE', ownerName: 'Mia' });
    expect(row.completedAt).toBeInstanceOf(Date);
    const phase = await phaseA();
    expect(phase.progress.done).toBe(1);
  });

  it('refuses a stale version and changes nothing', async () => {
    const item = (await phaseA()).deliverables[1]!;
    await api.deliverables.update({ id: item.id, version: item.version, title: 'First' });
    await expect(api.deliverables.update({ id: item.id, version: item.version, title: 'Second' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await db.prisma.deliverable.findUniqueOrThrow({ where: { id: item.id } })).title).toBe('First');
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const item = (await phaseA()).deliverables[2]!;
    const error = await api.deliverables
      .update({ id: item.id, version: item.version, title: '   ', dueDate: '2026-02-30' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    // The zod issues trpc.ts turns into `fieldIssues`: one per bad field, named by its path.
    const issues = (error as { cause: { issues: { path: PropertyKey[] }[] } }).cause.issues;
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['dueDate', 'title']);
    const row = await db.prisma.deliverable.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.title).toBe(item.title);
    expect(row.version).toBe(item.version);
  });

  it('moves a deliverable to another phase, at its end', async () => {
    const b = (await api.phases.byKey({ key: 'B' })).phase;
    const item = (await phaseA()).deliverables[3]!;
    await api.deliverables.update({ id: item.id, version: item.version, phaseId: b.id });
    const moved = (await api.phases.byKey({ key: 'B' })).phase.deliverables;
    expect(moved.at(-1)!.id).toBe(item.id);
    expect((await phaseA()).deliverables.map((d) => d.id)).not.toContain(item.id);
  });

  it('deletes by archiving, and restores on undo', async () => {
    const item = (await phaseA()).deliverables[0]!;
    await api.deliverables.archive({ id: item.id });
    expect((await phaseA()).deliverables.map((d) => d.id)).not.toContain(item.id);
    await expect(api.deliverables.archive({ id: item.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await api.deliverables.restore({ id: item.id });
    expect((await phaseA()).deliverables.map((d) => d.id)).toContain(item.id);
  });

  it('reorders, and refuses an order that does not list every item once', async () => {
    const phase = await phaseA();
    const ids = phase.deliverables.map((d) => d.id);
    const reversed = [...ids].reverse();
    await api.deliverables.reorder({ phaseId: phase.id, orderedIds: reversed });
    expect((await phaseA()).deliverables.map((d) => d.id)).toEqual(reversed);
    await expect(api.deliverables.reorder({ phaseId: phase.id, orderedIds: reversed.slice(1) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(api.deliverables.reorder({ phaseId: phase.id, orderedIds: [ids[0]!, ids[0]!, ...ids.slice(2)] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await phaseA()).deliverables.map((d) => d.id)).toEqual(reversed);
  });

  it('refuses a deliverable for an unknown phase', async () => {
    await expect(api.deliverables.create({ phaseId: '0192a000-0000-7000-8000-000000000000', title: 'X' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
