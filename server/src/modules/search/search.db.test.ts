import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

describe('search', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const sales = callerFor(services, await createTestUser(db, 'sales'));
  const viewer = callerFor(services, await createTestUser(db, 'viewer'));
  const pm = callerFor(services, await createTestUser(db, 'pm'));
  const base = { segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' } as const;
  let archivedId = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    await sales.partners.create({ ...base, company: 'Docsly' });
    await sales.partners.create({ ...base, company: '深度求索' });
    const archived = await sales.partners.create({ ...base, company: 'Docs Archive Co' });
    archivedId = archived.id;
    await sales.partners.archive({ id: archived.id });
    await db.prisma.evidence.create({ data: { title: 'Docs link report', url: 'https://example.test/r', kind: 'REPORT', capturedOn: new Date('2026-03-01'), addedByName: 'Test' } });
    await db.prisma.weeklyReview.create({ data: { weekStart: new Date('2026-03-09T00:00:00Z') } });
  });

  it('finds records of every kind by name, best match first', async () => {
    const hits = await viewer.search.find({ q: 'docs' });
    expect(hits[0]).toMatchObject({ kind: 'partner', title: 'Docsly' });
    const kinds = new Set(hits.map((h) => h.kind));
    expect(kinds).toEqual(new Set(['partner', 'gate', 'evidence']));
    expect(hits.find((h) => h.kind === 'gate')).toMatchObject({ title: 'Docs links all green', phaseKey: 'A' });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('finds phases by name or key, deliverables, and reviews by their week', async () => {
    expect((await viewer.search.find({ q: 'Platform Wedge' }))[0]).toMatchObject({ kind: 'phase', phaseKey: 'C' });
    expect((await viewer.search.find({ q: 'phase b' }))[0]).toMatchObject({ kind: 'phase', title: 'Hosted Revenue Motion' });
    expect((await viewer.search.find({ q: 'pricing packaging' }))[0]).toMatchObject({ kind: 'deliverable', title: 'First pricing packaging and FAQ complete' });
    expect((await viewer.search.find({ q: '2026-03-09' }))[0]).toMatchObject({ kind: 'review', week: '2026-03-09' });
  });

  it('matches Chinese names by their characters', async () => {
    expect((await viewer.search.find({ q: '求索' }))[0]).toMatchObject({ kind: 'partner', title: '深度求索' });
    expect((await viewer.search.find({ q: '深索' }))[0]).toMatchObject({ title: '深度求索' });
    expect(await viewer.search.find({ q: '深红' })).toEqual([]);
  });

  it('shows archived partners only to the roles that may restore them', async () => {
    const forSales = await sales.search.find({ q: 'docs archive' });
    expect(forSales).toEqual([expect.objectContaining({ id: archivedId, archived: true })]);
    expect(await viewer.search.find({ q: 'docs archive' })).toEqual([]);
    expect(await pm.search.find({ q: 'docs archive' })).toEqual([]);
  });

  it('keeps to the limit, and refuses an empty query', async () => {
    expect(await viewer.search.find({ q: 'a', limit: 3 })).toHaveLength(3);
    await expect(viewer.search.find({ q: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
