import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { OutboxDispatcher } from '../outbox/outbox.service.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { inAppChannel, notificationExpander } from './notifications.service.js';

describe('notifications through the outbox, into the in-app inbox', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const pmUser = await createTestUser(db, 'pm', 'Pat PM');
  const leadUser = await createTestUser(db, 'leadership', 'Lee Lead');
  const viewerUser = await createTestUser(db, 'viewer', 'Vic Viewer');
  const api = { pm: callerFor(services, pmUser), lead: callerFor(services, leadUser), viewer: callerFor(services, viewerUser), signedOut: callerFor(services, null) };
  const dispatcher = new OutboxDispatcher(db.prisma, { channels: [inAppChannel], expand: notificationExpander(['inapp']), holder: 'test-dispatcher' });
  let reviewId = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    reviewId = (await api.lead.reviews.openThisWeek()).id;
  });

  const eventsFor = (entityId: string) => db.prisma.outboxEvent.findMany({ where: { entityId }, include: { deliveries: true } });

  it('an action item assigned in the review writes its outbox event in the same transaction; the dispatcher puts it in the owner\'s inbox once', async () => {
    const before = await api.pm.notifications.unreadCount();
    const item = await api.lead.reviews.addActionItem({ reviewId, title: 'Rerun the recall benchmark', ownerId: pmUser.id, dueDate: '2026-03-20' });
    const [event] = await eventsFor(item.id);
    expect(event).toMatchObject({ type: 'actionItem.assigned', recipients: [pmUser.id], actorName: 'Lee Lead', expandedAt: null, deliveries: [] });
    // Nothing is delivered inside the change: the inbox is unchanged until the dispatcher runs.
    expect(await api.pm.notifications.unreadCount()).toBe(before);

    await dispatcher.drain();
    await dispatcher.drain(); // a second run sends nothing again
    const [expanded] = await eventsFor(item.id);
    expect(expanded!.deliveries).toMatchObject([{ channel: 'inapp', target: `user:${pmUser.id}`, status: 'SENT', attempts: 1, idempotencyKey: `${event!.id}:inapp:user:${pmUser.id}` }]);
    expect(await api.pm.notifications.unreadCount()).toBe(before + 1);
    const { items } = await api.pm.notifications.list({ limit: 5 });
    expect(items[0]).toMatchObject({ kind: 'actionItem.assigned', entityType: 'actionItem', entityId: item.id, link: '/reviews/2026-03-09', readAt: null, params: { title: 'Rerun the recall benchmark', dueDate: '2026-03-20', actorName: 'Lee Lead' } });
    expect(await db.prisma.notification.count({ where: { entityId: item.id } })).toBe(1);
  });

  it('a change that fails writes no outbox event', async () => {
    const count = await db.prisma.outboxEvent.count();
    await expect(api.lead.reviews.addActionItem({ reviewId, title: 'For nobody', ownerId: 'no-such-user' })).rejects.toBeTruthy();
    expect(await db.prisma.outboxEvent.count()).toBe(count);
  });

  it('marks read one by one or all at once, only the reader\'s own', async () => {
    await api.lead.reviews.addActionItem({ reviewId, title: 'First', ownerId: pmUser.id });
    await api.lead.reviews.addActionItem({ reviewId, title: 'Second', ownerId: pmUser.id });
    await dispatcher.drain();
    const { items } = await api.pm.notifications.list({ limit: 2 });
    expect(items.map((n) => n.params.title)).toEqual(['Second', 'First']);
    const unread = await api.pm.notifications.unreadCount();
    expect(await api.viewer.notifications.markRead({ ids: [items[0]!.id] })).toEqual({ marked: 0 });
    expect(await api.pm.notifications.markRead({ ids: [items[0]!.id] })).toEqual({ marked: 1 });
    expect(await api.pm.notifications.unreadCount()).toBe(unread - 1);
    expect((await api.pm.notifications.list({ limit: 10, unreadOnly: true })).items.map((n) => n.id)).not.toContain(items[0]!.id);
    expect(await api.pm.notifications.markAllRead()).toEqual({ marked: unread - 1 });
    expect(await api.pm.notifications.unreadCount()).toBe(0);
    await expect(api.signedOut.notifications.unreadCount()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('pages newest first without repeats', async () => {
    for (const title of ['p1', 'p2', 'p3']) await api.lead.reviews.addActionItem({ reviewId, title, ownerId: viewerUser.id });
    await dispatcher.drain();
    const first = await api.viewer.notifications.list({ limit: 2 });
    const second = await api.viewer.notifications.list({ limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((n) => n.params.title)).toEqual(['p3', 'p2', 'p1']);
    expect(second.nextCursor).toBeNull();
  });

  it('a kind switched off in-app is not delivered in-app; followers of a gate hear of its status change', async () => {
    const gate = await db.prisma.gate.findFirstOrThrow({ where: { deletedAt: null, phase: { plan: { isCurrent: true } } }, select: { id: true, version: true, status: true } });
    await api.viewer.notifications.follow({ entityType: 'gate', entityId: gate.id, follow: true });
    await api.pm.notifications.follow({ entityType: 'gate', entityId: gate.id, follow: true });
    expect(await api.viewer.notifications.following({ entityType: 'gate', entityId: gate.id })).toBe(true);
    await api.pm.notifications.setPreference({ kind: 'gate.changed', channel: 'inapp', enabled: false });
    expect((await api.pm.notifications.preferences()).find((p) => p.kind === 'gate.changed')).toEqual({ kind: 'gate.changed', channels: { inapp: false } });

    await api.lead.gates.setStatus({ id: gate.id, version: gate.version, status: 'AT_RISK', reason: 'Recall regressed' });
    await dispatcher.drain();
    const [event] = await db.prisma.outboxEvent.findMany({ where: { entityId: gate.id, type: 'gate.changed' }, include: { deliveries: true } });
    expect([...event!.recipients].sort()).toEqual([pmUser.id, viewerUser.id].sort());
    expect(event!.deliveries.map((d) => d.target)).toEqual([`user:${viewerUser.id}`]);
    expect((await api.viewer.notifications.list({ limit: 1 })).items[0]).toMatchObject({ kind: 'gate.changed', link: `/gates/${gate.id}`, params: { change: 'status', to: 'AT_RISK' } });
    await expect(api.viewer.notifications.follow({ entityType: 'claim', entityId: gate.id, follow: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('only an admin sees deliveries and retries them', async () => {
    const admin = callerFor(services, await createTestUser(db, 'admin'));
    await expect(api.lead.notifications.deliveries({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const rows = await admin.notifications.deliveries({ channel: 'inapp', status: 'SENT' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ channel: 'inapp', status: 'SENT', attempts: 1, lastError: null });
    expect(await admin.notifications.retryDelivery({ id: rows[0]!.id })).toBe(false); // a sent one is not resent
  });
});
