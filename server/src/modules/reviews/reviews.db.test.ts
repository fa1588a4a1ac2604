import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

// TODAY in the tests is Tuesday 10 March 2026: this week's review is the week of Monday 9 March.
describe('weekly review', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const nextWeek = await testServices(db, '2026-03-17');
  const users = {
    viewer: await createTestUser(db, 'viewer', 'Vic Viewer'),
    sales: await createTestUser(db, 'sales', 'Sam Sales'),
    pm: await createTestUser(db, 'pm', 'Pat PM'),
    leadership: await createTestUser(db, 'leadership', 'Lee Lead'),
    admin: await createTestUser(db, 'admin', 'Ada Admin'),
  };
  const api = Object.fromEntries(Object.entries(users).map(([role, user]) => [role, callerFor(services, user)])) as {
    [K in keyof typeof users]: ReturnType<typeof callerFor>;
  };
  const later = Object.fromEntries(Object.entries(users).map(([role, user]) => [role, callerFor(nextWeek, user)])) as typeof api;

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  const reviewRows = () => db.prisma.weeklyReview.findMany({ select: { id: true, weekStart: true } });
  const anyGate = () => db.prisma.gate.findFirstOrThrow({ where: { phase: { key: 'A', plan: { isCurrent: true } } }, orderBy: { position: 'asc' }, select: { id: true, title: true } });

  it('opens this week once, however many open it at the same time; viewers may read only', async () => {
    await expect(api.viewer.reviews.openThisWeek()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const results = await Promise.all([api.pm.reviews.openThisWeek(), api.sales.reviews.openThisWeek(), api.leadership.reviews.openThisWeek()]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]!.weekStart).toBe('2026-03-09');
    expect(await reviewRows()).toHaveLength(1);
    expect(await db.prisma.auditEvent.count({ where: { action: 'review.create' } })).toBe(1);
    expect((await api.pm.reviews.openThisWeek()).created).toBe(false);

    const review = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!;
    expect(review).toMatchObject({ status: 'DRAFT', attendees: [], notes: [], decisions: [], actionItems: [] });
    expect(review.agenda.map((s) => s.key)).toEqual(['stability', 'gates', 'deliverables', 'pipeline', 'evidence', 'kpis', 'actions', 'stale']);
    expect(review.phases.map((p) => p.key)).toEqual(['A', 'B', 'C']);
    expect(await api.viewer.reviews.byWeek({ weekStart: '2026-03-02' })).toBeNull();
    expect(await api.viewer.reviews.list()).toMatchObject([{ weekStart: '2026-03-09', status: 'DRAFT' }]);
  });

  it('puts a blocked gate and its status change on the agenda', async () => {
    const g = await anyGate();
    const { version } = await db.prisma.gate.findUniqueOrThrow({ where: { id: g.id }, select: { version: true } });
    await api.pm.gates.setStatus({ id: g.id, version, status: 'BLOCKED', reason: 'Recall regression' });
    const review = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!;
    const section = (key: string) => review.agenda.find((s) => s.key === key)!.items;
    expect(section('stability')).toMatchObject([{ kind: 'gateBlocked', title: g.title, link: { type: 'gate', id: g.id } }, { kind: 'stabilityHold' }]);
    expect(section('gates')).toContainEqual(expect.objectContaining({ kind: 'gateStatus', title: g.title, to: 'BLOCKED', by: 'Pat PM' }));
  });

  it('records attendees, notes, decisions and action items with their writers, refusing stale notes', async () => {
    const { id } = await api.pm.reviews.openThisWeek();
    const g = await anyGate();
    const attendees = [
      { userId: users.pm.id, group: 'PRODUCT' as const },
      { userId: users.admin.id, group: 'ENGINEERING' as const },
      { userId: users.sales.id, group: 'GTM' as const },
    ];
    await expect(api.viewer.reviews.setAttendees({ reviewId: id, version: 1, attendees })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await api.pm.reviews.setAttendees({ reviewId: id, version: 1, attendees })).toEqual({ id, version: 2 });
    await expect(api.pm.reviews.setAttendees({ reviewId: id, version: 1, attendees: [] })).rejects.toMatchObject({ code: 'CONFLICT' });

    const note = await api.sales.reviews.saveNote({ reviewId: id, section: 'pipeline', markdown: 'Acme is **close**', version: null });
    await expect(api.pm.reviews.saveNote({ reviewId: id, section: 'pipeline', markdown: 'Other', version: null })).rejects.toMatchObject({ code: 'CONFLICT' });
    await api.pm.reviews.saveNote({ reviewId: id, section: 'pipeline', markdown: 'Acme is close; Beta next', version: note.version });
    await expect(api.sales.reviews.saveNote({ reviewId: id, section: 'pipeline', markdown: 'stale', version: note.version })).rejects.toMatchObject({ code: 'CONFLICT' });

    await expect(api.viewer.reviews.addDecision({ reviewId: id, text: 'No', decidedByName: 'Vic' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.pm.reviews.addDecision({ reviewId: id, text: 'Fix recall before any launch post', decidedByName: 'Lee Lead', targetType: 'gate', targetId: g.id });
    await expect(
      api.pm.reviews.addDecision({ reviewId: id, text: 'x', decidedByName: 'Lee', targetType: 'partner', targetId: '0192a000-0000-7000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await api.pm.reviews.addActionItem({ reviewId: id, title: 'Bisect the recall regression', ownerId: users.admin.id, dueDate: '2026-03-12', targetType: 'gate', targetId: g.id });
    await api.sales.reviews.addActionItem({ reviewId: id, title: 'Send Acme the PoC plan', ownerId: users.sales.id });
    await expect(api.pm.reviews.addActionItem({ reviewId: id, title: 'Nobody', ownerId: 'no-such-user' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const review = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!;
    expect(review.attendees.map((a) => [a.group, a.name])).toEqual([
      ['ENGINEERING', 'Ada Admin'],
      ['GTM', 'Sam Sales'],
      ['PRODUCT', 'Pat PM'],
    ]);
    expect(review.notes).toMatchObject([{ section: 'pipeline', markdown: 'Acme is close; Beta next', updatedByName: 'Pat PM', version: 2 }]);
    expect(review.decisions).toMatchObject([{ text: 'Fix recall before any launch post', decidedByName: 'Lee Lead', target: { label: g.title } }]);
    expect(review.actionItems.map((a) => [a.title, a.ownerName, a.status, a.dueDate])).toEqual([
      ['Bisect the recall regression', 'Ada Admin', 'OPEN', '2026-03-12'],
      ['Send Acme the PoC plan', 'Sam Sales', 'OPEN', null],
    ]);
    const actions = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: 'review.' } }, select: { action: true, actorName: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(['review.attendees', 'review.create', 'review.decision', 'review.note', 'review.note']);
    expect(await db.prisma.auditEvent.count({ where: { action: 'actionItem.create' } })).toBe(2);

    const md = await api.viewer.reviews.exportMarkdown({ weekStart: '2026-03-09' });
    expect(md.filename).toBe('weekly-review-2026-03-09.md');
    expect(md.markdown).toContain('- Fix recall before any launch post — decided by Lee Lead');
    expect(md.markdown).toContain('Acme is close; Beta next');
  });

  it('lets evidence be attached to a draft review and names it', async () => {
    const { id } = await api.pm.reviews.openThisWeek();
    const evidence = await api.pm.evidence.create({
      title: 'Meeting recording',
      url: 'https://example.test/recording',
      kind: 'DOC',
      capturedOn: '2026-03-10',
      attachTo: { targetType: 'review', targetId: id },
    });
    const attached = await db.prisma.evidenceLink.findMany({ where: { targetType: 'review', targetId: id } });
    expect(attached.map((l) => l.evidenceId)).toEqual([evidence.id]);
  });

  it('closes for leadership and admin only, freezing the agenda, notes and decisions', async () => {
    const review = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!;
    await expect(api.pm.reviews.close({ id: review.id, version: review.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.sales.reviews.close({ id: review.id, version: review.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.leadership.reviews.close({ id: review.id, version: review.version - 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await api.leadership.reviews.close({ id: review.id, version: review.version });

    const closed = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!;
    expect(closed).toMatchObject({ status: 'CLOSED', closedByName: 'Lee Lead', version: review.version + 1 });
    expect(closed.agenda).toEqual(review.agenda);
    expect(closed.phases).toEqual(review.phases);
    const stored = await db.prisma.weeklyReview.findUniqueOrThrow({ where: { id: review.id }, select: { snapshot: true } });
    expect(stored.snapshot).toMatchObject({ agenda: review.agenda, phases: review.phases, actionItems: [{ status: 'OPEN' }, { status: 'OPEN' }] });

    // The live plan moves on; the closed review does not.
    const g = await anyGate();
    const { version } = await db.prisma.gate.findUniqueOrThrow({ where: { id: g.id }, select: { version: true } });
    await api.pm.gates.setStatus({ id: g.id, version, status: 'ON_TRACK', reason: 'Fixed' });
    expect((await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!.agenda).toEqual(review.agenda);

    const refused = { code: 'PRECONDITION_FAILED' };
    await expect(api.pm.reviews.saveNote({ reviewId: review.id, section: 'gates', markdown: 'late', version: null })).rejects.toMatchObject(refused);
    await expect(api.pm.reviews.saveNote({ reviewId: review.id, section: 'pipeline', markdown: 'late', version: 2 })).rejects.toMatchObject(refused);
    await expect(api.leadership.reviews.addDecision({ reviewId: review.id, text: 'late', decidedByName: 'Lee' })).rejects.toMatchObject(refused);
    await expect(api.pm.reviews.addActionItem({ reviewId: review.id, title: 'late', ownerId: users.pm.id })).rejects.toMatchObject(refused);
    await expect(api.pm.reviews.setAttendees({ reviewId: review.id, version: closed.version, attendees: [] })).rejects.toMatchObject(refused);
    await expect(api.admin.reviews.close({ id: review.id, version: closed.version })).rejects.toMatchObject(refused);
    const item = closed.actionItems[0]!;
    await expect(api.pm.reviews.setActionItemStatus({ id: item.id, version: 1, status: 'DONE', reviewId: review.id })).rejects.toMatchObject(refused);
    await expect(
      api.pm.evidence.create({ title: 'Late', url: 'https://example.test/late', kind: 'DOC', capturedOn: '2026-03-10', attachTo: { targetType: 'review', targetId: review.id } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await db.prisma.reviewNote.count({ where: { reviewId: review.id } })).toBe(1);
    expect(await db.prisma.reviewDecision.count({ where: { reviewId: review.id } })).toBe(1);
  });

  it('carries open action items to the next week until closed there, changes since the close only', async () => {
    const week1 = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!;
    const { id, created } = await later.pm.reviews.openThisWeek();
    expect(created).toBe(true);
    const week2 = (await later.viewer.reviews.byWeek({ weekStart: '2026-03-16' }))!;
    expect(week2.previousWeek).toBe('2026-03-09');
    // The window starts at the last close: the BLOCKED change before it is gone, the ON_TRACK after it is there.
    expect(new Date(week2.window.from).toISOString()).toBe(week1.closedAt);
    const gates = week2.agenda.find((s) => s.key === 'gates')!.items;
    expect(gates.map((i) => i.to)).toEqual(['ON_TRACK']);
    expect(week2.agenda.find((s) => s.key === 'stability')!.items).toEqual([]);
    const carried = week2.agenda.find((s) => s.key === 'actions')!.items;
    expect(carried.map((i) => [i.title, i.overdue])).toEqual([
      ['Bisect the recall regression', true],
      ['Send Acme the PoC plan', false],
    ]);
    expect(week2.carriedOver.map((a) => a.title)).toEqual(['Bisect the recall regression', 'Send Acme the PoC plan']);

    const [bisect, send] = week2.carriedOver;
    await later.admin.reviews.setActionItemStatus({ id: bisect!.id, version: bisect!.version, status: 'DONE', reviewId: id });
    await expect(later.admin.reviews.setActionItemStatus({ id: bisect!.id, version: bisect!.version, status: 'DROPPED', reviewId: id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await later.viewer.reviews.openActionItems()).items.map((a) => a.title)).toEqual(['Send Acme the PoC plan']);
    // Week 2 still lists the item it closed; week 1's frozen record still shows it open.
    const after = (await later.viewer.reviews.byWeek({ weekStart: '2026-03-16' }))!;
    expect(after.carriedOver.map((a) => [a.title, a.status])).toEqual([
      ['Bisect the recall regression', 'DONE'],
      ['Send Acme the PoC plan', 'OPEN'],
    ]);
    expect((await later.viewer.reviews.byWeek({ weekStart: '2026-03-09' }))!.actionItems.map((a) => a.status)).toEqual(['OPEN', 'OPEN']);
    expect(await db.prisma.actionItem.findUniqueOrThrow({ where: { id: bisect!.id }, select: { closedInReviewId: true } })).toEqual({ closedInReviewId: id });

    // Close week 2: the item still open carries into week 3.
    await later.leadership.reviews.close({ id, version: after.version });
    const week3 = await callerFor(await testServices(db, '2026-03-24'), users.pm).reviews.openThisWeek();
    const third = (await api.viewer.reviews.byWeek({ weekStart: '2026-03-23' }))!;
    expect(third.id).toBe(week3.id);
    expect(third.carriedOver.map((a) => a.title)).toEqual([send!.title]);
    expect((await api.viewer.reviews.list()).map((r) => [r.weekStart, r.status])).toEqual([
      ['2026-03-23', 'DRAFT'],
      ['2026-03-16', 'CLOSED'],
      ['2026-03-09', 'CLOSED'],
    ]);
  });
});
