import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDir } from '../../lib/paths.js';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from './seed.service.js';

/**
 * Counts the launch plan's items straight from the Chinese source document, so the seed cannot drift
 * from it: §6 phases with their deliverables (交付) and gates (Gate), §5.3's four weeks and §9's checklist.
 */
async function countsFromDocument() {
  const doc = await readFile(path.join(seedDir, 'launch-plan.source.zh.md'), 'utf8');
  const section = (from: RegExp, to: RegExp) => {
    const start = doc.search(from);
    const rest = doc.slice(start + 1);
    return rest.slice(0, rest.search(to));
  };
  const items = (text: string) => text.split('\n').filter((l) => /^\d+\.\s/.test(l)).length;
  const phase = (key: string, next: RegExp) => {
    const text = section(new RegExp(`^## Phase ${key}`, 'm'), next);
    const [, afterDeliverables = ''] = text.split('交付：');
    const [deliverables = '', gates = ''] = afterDeliverables.split('Gate：');
    return { deliverables: items(deliverables), gates: items(gates) };
  };
  const weeks = section(/^## 5\.3/m, /^## 5\.4/m);
  const checklist = section(/^## 9\./m, /^## 10\./m);
  return {
    A: phase('A', /^## Phase B/m),
    B: phase('B', /^## Phase C/m),
    C: phase('C', /^## 7\./m),
    websiteWeeks: weeks.split(/^Week \d:/m).slice(1).map(items),
    checklist: items(checklist),
  };
}

describe('the seeded launch plan', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const api = callerFor(services, await createTestUser(db, 'leadership'));

  it('matches the document: phases, deliverables and gates per phase', async () => {
    const doc = await countsFromDocument();
    expect(doc.websiteWeeks).toEqual([3, 3, 3, 3]);
    expect(await seedIfEmpty(db.prisma)).toEqual({ seeded: true });
    const plan = (await api.plans.current())!;
    expect(plan.phases.map((p) => p.key)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = plan.phases;
    const websitePlan = doc.websiteWeeks.reduce((x, y) => x + y, 0);
    expect(a!.deliverables).toHaveLength(doc.A.deliverables + websitePlan + doc.checklist);
    expect(a!.gates).toHaveLength(doc.A.gates);
    expect(b!.deliverables).toHaveLength(doc.B.deliverables);
    expect(b!.gates).toHaveLength(doc.B.gates);
    expect(c!.deliverables).toHaveLength(doc.C.deliverables);
    expect(c!.gates).toHaveLength(doc.C.gates);
    expect([doc.A, doc.B, doc.C]).toEqual([{ deliverables: 4, gates: 3 }, { deliverables: 4, gates: 3 }, { deliverables: 4, gates: 2 }]);
  });

  it('seeds the website KPIs of §5.4, in the document’s order, without targets the plan does not set', async () => {
    const doc = await readFile(path.join(seedDir, 'launch-plan.source.zh.md'), 'utf8');
    const start = doc.search(/^## 5\.4/m);
    const section = doc.slice(start, start + 1 + doc.slice(start + 1).search(/^## /m));
    const keys = [...section.matchAll(/^\d+\.\s+`([a-z_]+)`/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(6);
    const metrics = await db.prisma.metric.findMany({ orderBy: { position: 'asc' }, select: { key: true, unit: true, direction: true, target: true, description: true } });
    expect(metrics.map((m) => m.key)).toEqual(keys);
    for (const m of metrics) expect(m).toMatchObject({ unit: 'events', direction: 'UP', target: null, description: expect.stringContaining('§5.4') });
  });

  it('adds the metrics to a database that has a plan but no metric yet, once', async () => {
    await db.prisma.metric.deleteMany();
    expect(await seedIfEmpty(db.prisma)).toEqual({ seeded: false });
    expect(await db.prisma.metric.count()).toBe(6);
    await db.prisma.metric.update({ where: { key: 'contact_submit' }, data: { target: 25 } });
    await seedIfEmpty(db.prisma);
    expect(await db.prisma.metric.count()).toBe(6);
    expect((await db.prisma.metric.findUniqueOrThrow({ where: { key: 'contact_submit' } })).target).toBe(25);
  });

  it('dates the website plan by week and the rest by phase end', async () => {
    const plan = (await api.plans.current())!;
    const due = (title: RegExp) => plan.phases.flatMap((p) => p.deliverables).find((d) => title.test(d.title))?.dueDate;
    expect(due(/^Unify naming/)).toBe('2026-03-01');
    expect(due(/^Pricing page/)).toBe('2026-03-08');
    expect(due(/^Launch and rollback/)).toBe('2026-03-22');
    expect(due(/^3 Design Partners/)).toBe('2026-05-24');
    expect(plan.phases[0]!.goal).toMatch(/narrative/);
  });
});
