import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/test-db.js';
import { OutboxDispatcher, claimDue, retryDelivery, writeOutboxEvent, type OutboxChannel } from './outbox.service.js';
import type { Backoff } from './outbox.rules.js';

/** A real HTTP receiver on loopback that records what reaches it and answers as told. */
async function receiver() {
  const seen: { key: string; body: string }[] = [];
  let behaviour: { status: number; delayMs: number } = { status: 204, delayMs: 0 };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ key: String(req.headers['idempotency-key']), body });
      const { status, delayMs } = behaviour;
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  };
  let server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  afterAll(close);
  return {
    url: `http://127.0.0.1:${port}/hook`,
    seen,
    answer(next: Partial<typeof behaviour>) {
      behaviour = { ...behaviour, ...next };
    },
    down: close,
    async up() {
      server = createServer(handle);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}

/** A channel that POSTs each delivery to a URL, as team-chat and webhook channels do. */
const httpChannel = (name: string, url: string, timeoutMs = 1_000): OutboxChannel => ({
  name,
  concurrency: 4,
  timeoutMs,
  async send(delivery, { signal }) {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(delivery.event.payload), headers: { 'content-type': 'application/json', 'idempotency-key': delivery.idempotencyKey }, signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  },
});

const fast: Backoff = { baseMs: 50, maxMs: 200, maxAttempts: 10, jitter: 0 };
const system = { userId: 'system', name: 'Test' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the outbox dispatcher against a real receiver', async () => {
  const db = await createTestDb();

  async function event(channel: string, label: string) {
    return writeOutboxEvent(db.prisma, system, { type: `test.${channel}`, entityType: 'test', entityId: label, recipients: [], payload: { label } });
  }
  const expandTo = (channel: string) => async (_tx: unknown, e: { type: string }) => (e.type === `test.${channel}` ? [{ channel, target: { kind: 'destination' as const, id: 'receiver' } }] : []);
  const deliveryOf = async (eventId: string) => db.prisma.outboxDelivery.findFirstOrThrow({ where: { eventId } });
  async function until(check: () => Promise<boolean>, ms = 5_000) {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(25);
    }
  }

  it('receiver down, then up: retried with backoff and delivered once', async () => {
    const peer = await receiver();
    const channel = httpChannel('down-up', peer.url);
    const backoff = { baseMs: 300, maxMs: 600, maxAttempts: 10, jitter: 0 };
    const dispatcher = new OutboxDispatcher(db.prisma, { channels: [channel], expand: expandTo('down-up'), backoff, holder: 'a' });
    await peer.down();
    const { id } = await event('down-up', 'one');
    await dispatcher.drain();
    const failed = await deliveryOf(id);
    expect(failed).toMatchObject({ status: 'RETRYING', attempts: 1 });
    expect(failed.lastError).toMatch(/fetch failed/);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1_000);
    await dispatcher.drain(); // not due yet: nothing is tried
    expect((await deliveryOf(id)).attempts).toBe(1);

    await sleep(350);
    await dispatcher.drain();
    expect(await deliveryOf(id)).toMatchObject({ status: 'RETRYING', attempts: 2 });
    await peer.up();
    await sleep(650);
    await dispatcher.drain();
    expect(await deliveryOf(id)).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
    await sleep(700);
    await dispatcher.drain();
    expect(peer.seen.map((s) => s.body)).toEqual([JSON.stringify({ label: 'one' })]);
  });

  it('a slow receiver times out and is retried; a receiver that saw the first try can drop it by its key', async () => {
    const peer = await receiver();
    peer.answer({ delayMs: 800 });
    const dispatcher = new OutboxDispatcher(db.prisma, { channels: [httpChannel('slow', peer.url, 150)], expand: expandTo('slow'), backoff: fast, holder: 'a' });
    const { id } = await event('slow', 'slow one');
    const started = Date.now();
    await dispatcher.drain();
    expect(Date.now() - started).toBeLessThan(700);
    expect(await deliveryOf(id)).toMatchObject({ status: 'RETRYING', attempts: 1, lastError: 'TimeoutError: No answer within 150 ms' });
    peer.answer({ delayMs: 0 });
    await sleep(60);
    await dispatcher.drain();
    expect(await deliveryOf(id)).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(new Set(peer.seen.map((s) => s.key))).toEqual(new Set([(await deliveryOf(id)).idempotencyKey]));
  });

  it('non-2xx answers until dead; "retry now" sends it again', async () => {
    const peer = await receiver();
    peer.answer({ status: 500 });
    const dispatcher = new OutboxDispatcher(db.prisma, { channels: [httpChannel('dead', peer.url)], expand: expandTo('dead'), backoff: { ...fast, maxAttempts: 2 }, holder: 'a' });
    const { id } = await event('dead', 'doomed');
    await dispatcher.drain();
    await sleep(60);
    await dispatcher.drain();
    expect(await deliveryOf(id)).toMatchObject({ status: 'DEAD', attempts: 2, lastError: 'HTTP 500' });
    await sleep(60);
    await dispatcher.drain();
    expect((await deliveryOf(id)).attempts).toBe(2); // dead stays dead

    peer.answer({ status: 200 });
    expect(await retryDelivery(db.prisma, (await deliveryOf(id)).id)).toBe(true);
    await dispatcher.drain();
    expect(await deliveryOf(id)).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(peer.seen).toHaveLength(3);
  });

  it('two dispatchers at once deliver each exactly once: claims never overlap, and only the lease holder runs', async () => {
    const peer = await receiver();
    peer.answer({ delayMs: 20 });
    // A generous timeout: a send cut off by its timeout is retried by design (the receiver may have it),
    // and this test is about two dispatchers, not about a machine too busy to answer in a second.
    const channel = httpChannel('pair', peer.url, 15_000);
    const options = { channels: [channel], expand: expandTo('pair'), backoff: fast, pollMs: 20, leaseMs: 2_000 };
    const first = new OutboxDispatcher(db.prisma, { ...options, holder: 'first' });
    const second = new OutboxDispatcher(db.prisma, { ...options, holder: 'second' });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await event('pair', `e${i}`)).id);

    // Without the lease: both claim at once, and SKIP LOCKED gives them different rows.
    await first.expandOnce();
    await second.expandOnce();
    expect(await db.prisma.outboxDelivery.count({ where: { eventId: { in: ids } } })).toBe(12);
    const [a, b] = await Promise.all([
      claimDue(db.prisma, { channel: 'pair', holder: 'first', limit: 8, lockMs: 10_000 }),
      claimDue(db.prisma, { channel: 'pair', holder: 'second', limit: 8, lockMs: 10_000 }),
    ]);
    expect(a.length + b.length).toBe(12);
    expect(new Set([...a, ...b].map((d) => d.id)).size).toBe(12);
    await db.prisma.outboxDelivery.updateMany({ where: { eventId: { in: ids } }, data: { lockedUntil: null, lockedBy: null, attempts: 0 } });

    // Running: one holds the lease and delivers; the other waits.
    first.start();
    second.start();
    for (let i = 12; i < 20; i++) ids.push((await event('pair', `e${i}`)).id);
    await until(async () => (await db.prisma.outboxDelivery.count({ where: { eventId: { in: ids }, status: 'SENT' } })) === 20);
    await Promise.all([first.stop(), second.stop()]);
    expect(await db.prisma.outboxDelivery.count({ where: { eventId: { in: ids }, attempts: { gt: 1 } } })).toBe(0);
    expect(peer.seen).toHaveLength(20);
    expect(new Set(peer.seen.map((s) => s.key)).size).toBe(20);
    const holders = await db.prisma.outboxDelivery.findMany({ where: { eventId: { in: ids } }, select: { lockedBy: true } });
    expect(new Set(holders.map((h) => h.lockedBy)).size).toBe(1);
  });

  it('a crash between sending and marking sent resends once, after the claim runs out, with the same key', async () => {
    const peer = await receiver();
    const channel = httpChannel('crash', peer.url);
    const { id } = await event('crash', 'crashed');
    const dispatcher = new OutboxDispatcher(db.prisma, { channels: [channel], expand: expandTo('crash'), backoff: fast, holder: 'survivor' });
    await dispatcher.expandOnce();
    // The process that dies: it claims, sends, and is gone before it marks the delivery sent.
    const [claimed] = await claimDue(db.prisma, { channel: 'crash', holder: 'dead-process', limit: 1, lockMs: 2_000 });
    await channel.send(claimed!, { signal: new AbortController().signal });
    expect(peer.seen).toHaveLength(1);

    await dispatcher.drain(); // still claimed by the dead process: not taken over yet
    expect(await deliveryOf(id)).toMatchObject({ status: 'PENDING', lockedBy: 'dead-process', attempts: 1 });
    const { lockedUntil } = await deliveryOf(id);
    await sleep(Math.max(0, lockedUntil!.getTime() - Date.now()) + 100);
    await dispatcher.drain();
    expect(await deliveryOf(id)).toMatchObject({ status: 'SENT', lockedBy: 'survivor', attempts: 2 });
    expect(peer.seen).toHaveLength(2);
    expect(new Set(peer.seen.map((s) => s.key)).size).toBe(1);
  });
});
