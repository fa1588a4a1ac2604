import { describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { computeFunnel } from './partners.rules.js';
import { partnerStages, type PartnerStage } from './partners.schema.js';

const base = { segment: 'OTHER', package: 'OSS', currency: 'USD' } as const;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);

describe('partner board and table pages', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const owner = await createTestUser(db, 'sales', 'Paula Pager');
  const viewer = callerFor(services, await createTestUser(db, 'viewer'));

  // 23 leads (every third a Platform partner; pairs share an updatedAt, so the id must break ties),
  // 4 qualified, 1 archived lead; values 0, 100, 200… for the table's sort.
  const specs = [
    ...Array.from({ length: 23 }, (_, i) => ({ stage: 'LEAD' as PartnerStage, track: (i % 3 === 0 ? 'PLATFORM' : 'HOSTED') as 'PLATFORM' | 'HOSTED', updatedAt: day(Math.floor(i / 2)) })),
    ...Array.from({ length: 4 }, (_, i) => ({ stage: 'QUALIFIED' as PartnerStage, track: 'HOSTED' as const, updatedAt: day(100 + i) })),
  ] as const;
  await db.prisma.partner.createMany({
    data: specs.map((s, i) => ({
      ...base,
      company: `Pager ${String(i).padStart(2, '0')}`,
      companyKey: `pager ${String(i).padStart(2, '0')}`,
      track: s.track,
      stage: s.stage,
      ownerId: owner.id,
      expectedValue: (i % 7) * 100,
      updatedAt: s.updatedAt,
    })),
  });
  await db.prisma.partner.create({
    data: { ...base, company: 'Pager Archived', companyKey: 'pager archived', track: 'HOSTED', ownerId: owner.id, archivedAt: new Date(), updatedAt: day(500) },
  });
  const all = await db.prisma.partner.findMany({ where: { archivedAt: null, company: { startsWith: 'Pager' } }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], select: { id: true, stage: true, track: true } });
  const filters = { q: 'pager' };

  it('shows each stage’s first cards in board order with the stage’s total, and pages the rest by cursor', async () => {
    const board = await viewer.partners.board({ ...filters, perStage: 5 });
    expect(board.columns.map((c) => c.stage)).toEqual([...partnerStages]);
    const lead = board.columns.find((c) => c.stage === 'LEAD')!;
    const leadIds = all.filter((p) => p.stage === 'LEAD').map((p) => p.id);
    expect(lead.total).toBe(23);
    expect(lead.cards.map((c) => c.id)).toEqual(leadIds.slice(0, 5));
    expect(lead.nextCursor).not.toBeNull();
    const qualified = board.columns.find((c) => c.stage === 'QUALIFIED')!;
    expect([qualified.total, qualified.cards.length, qualified.nextCursor]).toEqual([4, 4, null]);
    expect(qualified.values).toEqual([{ currency: 'USD', amount: 200 + 300 + 400 + 500 }]);
    expect(board.columns.find((c) => c.stage === 'PAID')).toMatchObject({ total: 0, cards: [], nextCursor: null });

    const seen = lead.cards.map((c) => c.id);
    let cursor = lead.nextCursor;
    let pages = 0;
    while (cursor && pages < 20) {
      const page = await viewer.partners.boardColumn({ ...filters, stage: 'LEAD', cursor, limit: 5 });
      expect(page.cards.length).toBeLessThanOrEqual(5);
      seen.push(...page.cards.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(leadIds);
  });

  it('keeps filters on the board, its columns and the table', async () => {
    const board = await viewer.partners.board({ ...filters, track: 'PLATFORM', perStage: 3 });
    const platformLeads = all.filter((p) => p.stage === 'LEAD' && p.track === 'PLATFORM').map((p) => p.id);
    const lead = board.columns.find((c) => c.stage === 'LEAD')!;
    expect(lead.total).toBe(platformLeads.length);
    const rest = await viewer.partners.boardColumn({ ...filters, track: 'PLATFORM', stage: 'LEAD', cursor: lead.nextCursor, limit: 50 });
    expect([...lead.cards, ...rest.cards].map((c) => c.id)).toEqual(platformLeads);
    expect(rest.nextCursor).toBeNull();
    expect(board.columns.find((c) => c.stage === 'QUALIFIED')!.total).toBe(0);
    expect((await viewer.partners.list({ ...filters, track: 'PLATFORM' })).total).toBe(platformLeads.length);
    const withArchived = await viewer.partners.board({ ...filters, includeArchived: true });
    expect(withArchived.columns.find((c) => c.stage === 'LEAD')!.total).toBe(24);
  });

  it('pages the table by offset in the chosen order, with the total; the export returns every row in that order', async () => {
    const pages = [];
    for (let offset = 0; offset < 27; offset += 10) pages.push(await viewer.partners.list({ ...filters, sort: 'value', dir: 'desc', offset, limit: 10 }));
    expect(pages.map((p) => [p.total, p.items.length])).toEqual([[27, 10], [27, 10], [27, 7]]);
    const rows = pages.flatMap((p) => p.items);
    expect(new Set(rows.map((r) => r.id)).size).toBe(27);
    const values = rows.map((r) => r.expectedValue);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const exported = await viewer.partners.export({ ...filters, sort: 'value', dir: 'desc' });
    expect(exported.map((r) => r.id)).toEqual(rows.map((r) => r.id));

    const byCompany = await viewer.partners.list({ ...filters, limit: 3 });
    expect(byCompany.items.map((r) => r.company)).toEqual(['Pager 00', 'Pager 01', 'Pager 02']);
    const byStage = await viewer.partners.list({ ...filters, sort: 'stage', dir: 'desc', limit: 4 });
    expect(byStage.items.map((r) => r.stage)).toEqual(['QUALIFIED', 'QUALIFIED', 'QUALIFIED', 'QUALIFIED']);
  });

  it('refuses pages larger than the bound and unknown cursors', async () => {
    await expect(viewer.partners.list({ limit: 201 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(viewer.partners.board({ perStage: 201 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(viewer.partners.boardColumn({ stage: 'LEAD', cursor: 'nonsense' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await viewer.partners.list()).items.length).toBeLessThanOrEqual(50);
  });
});

describe('partners funnel aggregated in the database', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const owner = await createTestUser(db, 'leadership', 'Fay Funnel');
  const lead = callerFor(services, owner);

  it('equals the reference computation over every transition (reach, cohorts, stays, lost reasons, targets)', async () => {
    // Seeded pseudo-random histories: skips, backward moves, losses, reopenings, ties, archived partners.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 48_271) % 2_147_483_647), seed % n);
    const reasons = ['No budget', 'no BUDGET ', 'Went with a competitor', '', 'Timing'];
    for (let i = 0; i < 40; i++) {
      const stages: PartnerStage[] = [];
      const steps = 1 + rand(5);
      for (let s = 0; s < steps; s++) stages.push(s === 0 ? partnerStages[rand(5)]! : partnerStages[rand(6)]!);
      let at = Date.UTC(2025, rand(12), 1 + rand(28), rand(24));
      await db.prisma.partner.create({
        data: {
          ...base,
          company: `Funnel ${i}`,
          companyKey: `funnel ${i}`,
          track: rand(2) ? 'HOSTED' : 'PLATFORM',
          ownerId: owner.id,
          stage: stages.at(-1)!,
          archivedAt: rand(8) === 0 ? new Date() : null,
          transitions: {
            create: stages.map((toStage, s) => {
              at += rand(3) === 0 ? 0 : rand(40) * 86_400_000 + rand(86_400_000);
              return { fromStage: s === 0 ? null : stages[s - 1]!, toStage, at: new Date(at), byName: 'Fay Funnel', reason: toStage === 'LOST' ? reasons[rand(reasons.length)]! : null };
            }),
          },
        },
      });
    }
    const partners = await db.prisma.partner.findMany({ where: { archivedAt: null }, select: { id: true, track: true } });
    const transitions = await db.prisma.stageTransition.findMany({ where: { partner: { archivedAt: null } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    const sameSpelling = (r: { reason: string; count: number }[]) => r.map((x) => ({ ...x, reason: x.reason.toLowerCase() }));
    for (const asOf of ['2025-06-30', '2099-01-01', '2000-01-01']) {
      // Partners in the order of their first transition, so "first spelling" means the same in both.
      const firstAt = new Map<string, number>();
      for (const t of transitions) if (!firstAt.has(t.partnerId)) firstAt.set(t.partnerId, t.at.getTime());
      const ordered = [...partners].sort((a, b) => (firstAt.get(a.id) ?? 0) - (firstAt.get(b.id) ?? 0));
      const expected = computeFunnel(ordered, transitions.map((t) => ({ partnerId: t.partnerId, from: t.fromStage, to: t.toStage, at: t.at, reason: t.reason })), asOf);
      const actual = await lead.partners.funnel({ asOf });
      expect({ ...actual, lostReasons: sameSpelling(actual.lostReasons) }).toEqual({ ...expected, lostReasons: sameSpelling(expected.lostReasons) });
      if (asOf === '2099-01-01') expect(actual.partners).toBeGreaterThan(20);
    }
    const home = await lead.home.overview();
    const funnel = await lead.partners.funnel({ asOf: '2026-03-10' });
    expect(home.funnel).toEqual({ partners: funnel.partners, reached: funnel.reached, targets: funnel.targets });
  });
});
