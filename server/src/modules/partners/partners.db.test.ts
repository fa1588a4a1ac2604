import { describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';

describe('partners', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const sales = await createTestUser(db, 'sales', 'Sam Seller');
  const otherSales = await createTestUser(db, 'sales', 'Olga Other');
  const leadershipUser = await createTestUser(db, 'leadership', 'Lee Lead');
  const api = {
    sales: callerFor(services, sales),
    otherSales: callerFor(services, otherSales),
    leadership: callerFor(services, leadershipUser),
    admin: callerFor(services, await createTestUser(db, 'admin')),
    pm: callerFor(services, await createTestUser(db, 'pm')),
    viewer: callerFor(services, await createTestUser(db, 'viewer')),
  };
  const base = { segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' } as const;
  const snapshotOf = async (id: string) => ({
    partner: await db.prisma.partner.findUniqueOrThrow({ where: { id }, include: { contacts: true, poc: { include: { criteria: true } } } }),
    transitions: await db.prisma.stageTransition.count({ where: { partnerId: id } }),
    activities: await db.prisma.partnerActivity.count({ where: { partnerId: id } }),
    audit: await db.prisma.auditEvent.count({ where: { entityId: id } }),
  });

  it('creates a partner owned by the creating sales user, with a creation transition and an audit event', async () => {
    const { id, version } = await api.sales.partners.create({
      ...base,
      company: '  Acme AI ',
      website: 'https://acme.example',
      expectedValue: 50_000,
      currency: 'eur',
      nextStep: 'Send deck',
      nextStepDue: '2026-03-01',
      tags: ['warm', 'conference'],
      contacts: [{ name: 'Ann Buyer', role: 'CTO', email: 'Ann@Acme.example' }],
    });
    expect(version).toBe(1);
    const detail = await api.viewer.partners.byId({ id });
    expect(detail).toMatchObject({
      company: 'Acme AI',
      ownerId: sales.id,
      ownerName: 'Sam Seller',
      stage: 'LEAD',
      currency: 'EUR',
      nextStepDue: '2026-03-01',
      nextStepOverdue: true,
      contacts: [{ name: 'Ann Buyer', role: 'CTO', email: 'ann@acme.example' }],
      poc: null,
      reachedPoc: false,
      canEdit: false,
    });
    expect((await api.sales.partners.byId({ id })).canEdit).toBe(true);
    const transitions = await db.prisma.stageTransition.findMany({ where: { partnerId: id } });
    expect(transitions).toMatchObject([{ fromStage: null, toStage: 'LEAD', byUserId: sales.id, byName: 'Sam Seller' }]);
    expect(await db.prisma.auditEvent.findMany({ where: { entityId: id }, select: { action: true } })).toEqual([{ action: 'partner.create' }]);
  });

  it('refuses a duplicate company (case-insensitive) and an owner who may not own partners', async () => {
    await expect(api.sales.partners.create({ ...base, company: 'ACME ai' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const pmUser = await db.prisma.user.findFirstOrThrow({ where: { role: 'pm' } });
    await expect(api.sales.partners.create({ ...base, company: 'Beta', ownerId: pmUser.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await db.prisma.partner.count({ where: { companyKey: 'beta' } })).toBe(0);
  });

  it('two creates racing with the same company: one succeeds, the other is a CONFLICT, never a 500', async () => {
    const input = { company: 'Race Condition Inc', segment: 'OTHER', package: 'OSS', track: 'HOSTED' } as const;
    const results = await Promise.allSettled([api.sales.partners.create(input), api.otherSales.partners.create({ ...input, company: 'race condition inc' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await db.prisma.partner.count({ where: { companyKey: 'race condition inc' } })).toBe(1);
  });

  it('lets sales edit their own partner but not another seller’s: FORBIDDEN and nothing changed', async () => {
    const own = await api.sales.partners.create({ ...base, company: 'Own Co' });
    const theirs = await api.otherSales.partners.create({ ...base, company: 'Their Co' });
    const updated = await api.sales.partners.update({ id: own.id, version: own.version, expectedValue: 10, tags: ['x'] });
    expect(updated.version).toBe(2);

    const before = await snapshotOf(theirs.id);
    await expect(api.sales.partners.update({ id: theirs.id, version: 1, expectedValue: 99 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.sales.partners.moveStage({ id: theirs.id, version: 1, to: 'QUALIFIED' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.sales.partners.logActivity({ partnerId: theirs.id, kind: 'NOTE', occurredOn: '2026-03-01', text: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.sales.partners.archive({ id: theirs.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.sales.partners.update({ id: theirs.id, version: 1, ownerId: sales.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshotOf(theirs.id)).toEqual(before);
  });

  it('lets sales hand over their own partner, after which they can no longer edit it', async () => {
    const p = await api.sales.partners.create({ ...base, company: 'Handover Co' });
    const { version } = await api.sales.partners.update({ id: p.id, version: p.version, ownerId: otherSales.id });
    expect((await api.viewer.partners.byId({ id: p.id })).ownerName).toBe('Olga Other');
    await expect(api.sales.partners.update({ id: p.id, version, nextStep: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: p.id, action: 'partner.update' } });
    expect(event.changes).toEqual({ ownerId: { from: sales.id, to: otherSales.id } });
  });

  it('lets leadership and admins edit any partner', async () => {
    const p = await api.sales.partners.create({ ...base, company: 'Leadership Edits' });
    const { version } = await api.leadership.partners.update({ id: p.id, version: 1, nextStep: 'Exec call', contacts: [{ name: 'Zed' }] });
    await api.admin.partners.moveStage({ id: p.id, version, to: 'QUALIFIED' });
    expect((await api.viewer.partners.byId({ id: p.id })).contacts).toMatchObject([{ name: 'Zed', role: '', email: null }]);
  });

  it('refuses every write for pm and viewer, changing nothing', async () => {
    const p = await api.sales.partners.create({ ...base, company: 'Read Only Co' });
    const before = await snapshotOf(p.id);
    const count = await db.prisma.partner.count();
    for (const caller of [api.pm, api.viewer]) {
      const writes = [
        caller.partners.create({ ...base, company: 'Nope' }),
        caller.partners.update({ id: p.id, version: 1, nextStep: 'x' }),
        caller.partners.moveStage({ id: p.id, version: 1, to: 'POC' }),
        caller.partners.archive({ id: p.id }),
        caller.partners.restore({ id: p.id }),
        caller.partners.logActivity({ partnerId: p.id, kind: 'CALL', occurredOn: '2026-03-01', text: 'x' }),
        caller.partners.upsertPoc({ partnerId: p.id, startDate: null, targetEndDate: null, status: 'PLANNED' }),
        caller.partners.importPreview({ csv: 'company\nX' }),
        caller.partners.importCommit({ csv: 'company\nX' }),
      ];
      for (const w of writes) await expect(w).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await snapshotOf(p.id)).toEqual(before);
    expect(await db.prisma.partner.count()).toBe(count);
  });

  it('moves stages with a transition and an audit event; backwards and LOST need a reason; stale versions conflict', async () => {
    const p = await api.sales.partners.create({ ...base, company: 'Stage Co' });
    const v2 = await api.sales.partners.moveStage({ id: p.id, version: 1, to: 'POC' });
    expect(v2.version).toBe(2);
    const back = await api.sales.partners.moveStage({ id: p.id, version: 2, to: 'LEAD' }).catch((e: unknown) => e);
    expect(back).toMatchObject({ code: 'BAD_REQUEST', cause: { fieldIssues: [{ path: 'reason' }] } });
    await expect(api.sales.partners.moveStage({ id: p.id, version: 2, to: 'LOST' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { fieldIssues: [{ path: 'reason' }] } });
    await expect(api.sales.partners.moveStage({ id: p.id, version: 1, to: 'PAID' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const v3 = await api.sales.partners.moveStage({ id: p.id, version: 2, to: 'QUALIFIED', reason: 'Scope changed' });
    expect(v3.version).toBe(3);
    const transitions = await db.prisma.stageTransition.findMany({ where: { partnerId: p.id }, orderBy: { at: 'asc' } });
    expect(transitions.map((t) => [t.fromStage, t.toStage, t.reason])).toEqual([
      [null, 'LEAD', null],
      ['LEAD', 'POC', null],
      ['POC', 'QUALIFIED', 'Scope changed'],
    ]);
    const events = await db.prisma.auditEvent.findMany({ where: { entityId: p.id, action: 'partner.stage' }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.changes)).toEqual([
      { stage: { from: 'LEAD', to: 'POC' }, reason: null },
      { stage: { from: 'POC', to: 'QUALIFIED' }, reason: 'Scope changed' },
    ]);
  });

  it('refuses a PoC before the partner reached POC, and keeps it once it did (even if moved back)', async () => {
    const p = await api.sales.partners.create({ ...base, company: 'Poc Co' });
    const poc = { partnerId: p.id, startDate: '2026-03-01', targetEndDate: '2026-03-31', status: 'PLANNED' as const, criteria: [{ text: 'p95 < 200ms' }] };
    await expect(api.sales.partners.upsertPoc(poc)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await db.prisma.poc.count({ where: { partnerId: p.id } })).toBe(0);
    const { version } = await api.sales.partners.moveStage({ id: p.id, version: 1, to: 'POC' });
    await api.sales.partners.moveStage({ id: p.id, version, to: 'QUALIFIED', reason: 'Paused' });
    await api.sales.partners.upsertPoc(poc);
    const first = (await api.viewer.partners.byId({ id: p.id })).poc!;
    expect(first).toMatchObject({ status: 'PLANNED', startDate: '2026-03-01', criteria: [{ text: 'p95 < 200ms', met: false, position: 0 }] });
    await api.sales.partners.upsertPoc({ ...poc, status: 'RUNNING', criteria: [{ text: 'SSO' }, { id: first.criteria[0]!.id, text: 'p95 < 200ms', met: true }] });
    const second = (await api.viewer.partners.byId({ id: p.id })).poc!;
    expect(second.criteria.map((c) => [c.text, c.met])).toEqual([['SSO', false], ['p95 < 200ms', true]]);
    expect(second.criteria[1]!.id).toBe(first.criteria[0]!.id);
    await expect(api.sales.partners.upsertPoc({ ...poc, targetEndDate: '2026-02-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('merges activities, stage changes and PoC status changes into one timeline, newest first', async () => {
    const p = await api.sales.partners.create({ ...base, company: 'Timeline Co' });
    await api.sales.partners.logActivity({ partnerId: p.id, kind: 'CALL', occurredOn: '2026-01-15', text: 'Intro **call**' });
    await api.sales.partners.moveStage({ id: p.id, version: 1, to: 'POC' });
    await api.sales.partners.upsertPoc({ partnerId: p.id, startDate: null, targetEndDate: null, status: 'PLANNED' });
    await api.sales.partners.upsertPoc({ partnerId: p.id, startDate: null, targetEndDate: null, status: 'RUNNING' });
    const timeline = await api.viewer.partners.timeline({ id: p.id });
    expect(timeline.map((e) => [e.type, 'to' in e ? e.to : e.kind])).toEqual([
      ['poc', 'RUNNING'],
      ['poc', 'PLANNED'],
      ['stage', 'POC'],
      ['stage', 'LEAD'],
      ['activity', 'CALL'], // happened in January
    ]);
    expect(timeline[0]).toMatchObject({ type: 'poc', from: 'PLANNED', to: 'RUNNING', byName: 'Sam Seller' });
    expect(timeline[4]).toMatchObject({ date: '2026-01-15', text: 'Intro **call**', byUserId: sales.id });
  });

  it('lists board cards with filters: owner, track, tag, q over company and contacts, archived', async () => {
    const a = await api.leadership.partners.create({ ...base, company: 'Filter Alpha', track: 'PLATFORM', package: 'PLATFORM_DESIGN_PARTNER', tags: ['hot'], contacts: [{ name: 'Quincy Zebra', email: 'qz@alpha.example' }] });
    await api.leadership.partners.create({ ...base, company: 'Filter Beta', tags: ['cold'] });
    const names = async (input: Parameters<typeof api.viewer.partners.list>[0]) => (await api.viewer.partners.list(input)).items.map((c) => c.company).sort();
    expect(await names({ q: 'filter' })).toEqual(['Filter Alpha', 'Filter Beta']);
    expect(await names({ q: 'ZEBRA' })).toEqual(['Filter Alpha']);
    expect(await names({ q: 'qz@ALPHA' })).toEqual(['Filter Alpha']);
    expect(await names({ q: 'filter', tag: 'cold' })).toEqual(['Filter Beta']);
    expect(await names({ track: 'PLATFORM' })).toEqual(['Filter Alpha']);
    expect(await names({ ownerId: leadershipUser.id })).toEqual(['Filter Alpha', 'Filter Beta']);
    const card = (await api.viewer.partners.list({ q: 'alpha' })).items[0]!;
    expect(card).toEqual({
      id: a.id,
      company: 'Filter Alpha',
      stage: 'LEAD',
      track: 'PLATFORM',
      segment: 'AI_INFRA',
      package: 'PLATFORM_DESIGN_PARTNER',
      ownerId: leadershipUser.id,
      ownerName: 'Lee Lead',
      expectedValue: 0,
      currency: 'USD',
      nextStep: '',
      nextStepDue: null,
      nextStepOverdue: false,
      tags: ['hot'],
      version: 1,
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    await api.leadership.partners.archive({ id: a.id });
    expect(await names({ q: 'filter' })).toEqual(['Filter Beta']);
    expect(await names({ q: 'filter', includeArchived: true })).toEqual(['Filter Alpha', 'Filter Beta']);
    await expect(api.leadership.partners.archive({ id: a.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await api.leadership.partners.restore({ id: a.id });
    expect(await names({ q: 'filter' })).toEqual(['Filter Alpha', 'Filter Beta']);
  });

  it('lists possible owners: active sales, leadership and admins', async () => {
    const owners = await api.viewer.partners.owners();
    expect(owners.map((o) => o.name)).toContain('Sam Seller');
    const roles = await db.prisma.user.findMany({ where: { id: { in: owners.map((o) => o.id) } }, select: { role: true } });
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(['sales', 'leadership', 'admin']));
  });
});

describe('partners funnel from real transitions', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const lead = callerFor(services, await createTestUser(db, 'leadership'));
  const base = { segment: 'OTHER', package: 'OSS' } as const;

  it('computes reach, lost reasons and targets, leaving archived partners out', async () => {
    const hosted = await lead.partners.create({ ...base, track: 'HOSTED', company: 'H1' });
    await lead.partners.moveStage({ id: hosted.id, version: 1, to: 'PAID_TRIAL' });
    const lost = await lead.partners.create({ ...base, track: 'HOSTED', company: 'H2', stage: 'QUALIFIED' });
    await lead.partners.moveStage({ id: lost.id, version: 1, to: 'LOST', reason: 'No budget' });
    const platform = await lead.partners.create({ ...base, track: 'PLATFORM', company: 'P1' });
    const { version } = await lead.partners.moveStage({ id: platform.id, version: 1, to: 'POC' });
    await lead.partners.moveStage({ id: platform.id, version, to: 'LOST', reason: 'Went with a competitor' });
    const archived = await lead.partners.create({ ...base, track: 'HOSTED', company: 'Gone', stage: 'PAID' });
    await lead.partners.archive({ id: archived.id });

    const funnel = await lead.partners.funnel({ asOf: '2099-01-01' });
    expect(funnel.partners).toBe(3);
    expect(funnel.reached).toEqual({ LEAD: 3, QUALIFIED: 3, POC: 2, PAID_TRIAL: 1, PAID: 0 });
    expect(funnel.conversions.map((c) => c.rate)).toEqual([1, 2 / 3, 0.5, 0]);
    expect(funnel.lostReasons).toEqual([
      { reason: 'Went with a competitor', count: 1 },
      { reason: 'No budget', count: 1 },
    ].sort((a, b) => a.reason.localeCompare(b.reason)));
    expect(funnel.targets.map((t) => [t.key, t.count])).toEqual([
      ['hostedPoc', 1],
      ['paidTrial', 1],
      ['platformDesignPartners', 1],
    ]);
    expect((await lead.partners.funnel({ asOf: '2000-01-01' })).partners).toBe(0);
  });
});
