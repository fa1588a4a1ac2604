// Live updates end to end inside one process: a committed write notifies through the AuditEvent
// trigger, the feed fans it out, and the subscription procedure yields it. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AppServices, SessionUser } from '../../context.js';
import { appRouter } from '../../router.js';
import { createCallerFactory } from '../../trpc.js';
import { recordAudit } from '../audit/audit.service.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { ChangeFeed, ChangeFeedClosedError, type FeedMessage } from './live.service.js';

/** The next message, or 'timeout' after `ms`. */
async function nextWithin<T>(it: AsyncIterator<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    const result = await Promise.race([it.next(), timeout]);
    return result === 'timeout' ? result : (result.value as T);
  } finally {
    clearTimeout(timer);
  }
}

/** The procedure yields `tracked(id, data)` envelopes: `[id, data, marker]` on the server side. */
type Tracked = [id: string, data: unknown, marker: symbol];
const unwrap = (v: Tracked | 'timeout') => (v === 'timeout' ? v : { id: v[0], data: v[1] });

/** The subscription as this user opens it; aborting `signal` is the client going away. */
async function openStream(services: AppServices, user: SessionUser, input: { lastEventId?: string } | undefined, signal: AbortSignal) {
  const caller = createCallerFactory(appRouter)({ ...services, requestId: `live-${randomUUID().slice(0, 8)}`, user }, { signal });
  const stream = (await caller.live.changes(input)) as AsyncIterable<Tracked>;
  return stream[Symbol.asyncIterator]();
}

describe('live updates', async () => {
  const db = await createTestDb();
  const feed = await ChangeFeed.open(db);
  const services = { ...(await testServices(db)), changes: feed };
  const pmUser = await createTestUser(db, 'pm');
  const actor: Actor = { userId: pmUser.id, name: pmUser.name, role: 'pm', requestId: 'live-test' };
  const audit = (entityId: string) => ({ action: 'gate.update' as const, entityType: 'gate', entityId, changes: {} });

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });
  afterAll(() => feed.close());

  it('delivers a committed change, and never one from a transaction that rolled back', async () => {
    const ac = new AbortController();
    const messages = feed.subscribe(ac.signal);
    await db.prisma
      .$transaction(async (tx) => {
        await recordAudit(tx, actor, audit('rolled-back'));
        throw new Error('abandon');
      })
      .catch(() => {});
    await db.prisma.$transaction((tx) => recordAudit(tx, actor, audit('committed')));

    // Notifications arrive in commit order, so the first one tells whether the rollback leaked.
    const first = await nextWithin(messages, 2_000);
    expect(first).toMatchObject({ kind: 'change', change: { entityType: 'gate', entityId: 'committed', action: 'gate.update' } });
    expect(await nextWithin(messages, 300)).toBe('timeout');
    ac.abort();
    expect(feed.subscriberCount).toBe(0);
  });

  it('the subscription yields ready, then the changes a write through the API makes', async () => {
    const ac = new AbortController();
    const it = await openStream(services, await createTestUser(db, 'viewer'), undefined, ac.signal);
    expect(unwrap(await nextWithin(it, 2_000))).toMatchObject({ data: { kind: 'ready' } });

    const gate = await db.prisma.gate.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const pm = callerFor(services, pmUser);
    await pm.gates.update({ id: gate.id, version: gate.version, ownerName: 'Live Owner' });
    const event = unwrap(await nextWithin(it, 2_000));
    expect(event).toMatchObject({ data: { kind: 'change', entityType: 'gate', action: expect.stringMatching(/^gate\./) as unknown } });
    // The event id is the audit event's, so a client that resumes is known to have seen it.
    const row = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: gate.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
    expect((event as { id: string }).id).toBe(row.id);
    expect(feed.subscriberCount).toBe(1);
    ac.abort();
    expect(feed.subscriberCount).toBe(0);
  });

  it('a client that resumes with a last event id is told to resync first', async () => {
    const ac = new AbortController();
    const it = await openStream(services, await createTestUser(db, 'viewer'), { lastEventId: 'hello-earlier' }, ac.signal);
    expect(unwrap(await nextWithin(it, 2_000))).toMatchObject({ data: { kind: 'resync' } });
    ac.abort();
  });

  it('signed out is UNAUTHORIZED', async () => {
    await expect(callerFor(services, null).live.changes()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('closing the feed ends its subscriptions, and later ones are refused', async () => {
    const own = await ChangeFeed.open(db);
    const messages = own.subscribe();
    const ended = expect(messages.next()).rejects.toBeInstanceOf(ChangeFeedClosedError);
    await own.close();
    await ended;
    expect(() => own.subscribe()).toThrow(ChangeFeedClosedError);
    const viewer = callerFor({ ...services, changes: own }, await createTestUser(db, 'viewer'));
    const stream = (await viewer.live.changes()) as AsyncIterable<unknown>;
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it.runIf(db.kind === 'postgres')('reconnects when the listening connection drops, and tells subscribers to resync', async () => {
    const ac = new AbortController();
    const messages = feed.subscribe(ac.signal);
    const killed = await db.prisma.$queryRaw<{ killed: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
      WHERE application_name = 'aionis-live' AND datname = current_database()`;
    expect(killed.length).toBeGreaterThan(0);
    expect(await nextWithin<FeedMessage>(messages, 5_000)).toEqual({ kind: 'resync' });
    await db.prisma.$transaction((tx) => recordAudit(tx, actor, audit('after-reconnect')));
    expect(await nextWithin(messages, 2_000)).toMatchObject({ kind: 'change', change: { entityId: 'after-reconnect' } });
    ac.abort();
  });
});
