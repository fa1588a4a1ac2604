// The outbox (docs/decisions/029-outbox.md): events written in the change's transaction, fanned out into
// deliveries and delivered by one dispatcher under the job lease. Generic: it knows channels and targets,
// not what a notification says. Notifications (in-app, email, chat) are one user; outgoing webhooks
// (issue 15) add a channel and an expander, nothing else.
import type { Db, Tx } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Actor } from '../../context.js';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { defaultBackoff, errorText, idempotencyKey, retryDelayMs, type Backoff, type DeliveryTarget } from './outbox.rules.js';

export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Takes or renews a standing lease in the JobLease table the link checker's slots use (evidence/
 * jobs.service): granted when the row is new, its lease ran out, or this holder already has it. Of
 * processes asking at once exactly one holds it; another takes over within `leaseMs` of it dying.
 */
export async function holdJobLease(db: Db, lease: { name: string; holder: string; leaseMs: number }): Promise<boolean> {
  const held = await db.$executeRaw`
    INSERT INTO "JobLease" ("name", "holder", "leasedUntil")
    VALUES (${lease.name}, ${lease.holder}, (now() AT TIME ZONE 'UTC') + ${lease.leaseMs}::int * interval '1 millisecond')
    ON CONFLICT ("name") DO UPDATE
      SET "holder" = EXCLUDED."holder", "leasedUntil" = EXCLUDED."leasedUntil"
      WHERE "JobLease"."leasedUntil" <= (now() AT TIME ZONE 'UTC') OR "JobLease"."holder" = EXCLUDED."holder"`;
  return held === 1;
}

async function releaseJobLease(db: Db, name: string, holder: string): Promise<void> {
  await db.$executeRaw`UPDATE "JobLease" SET "leasedUntil" = (now() AT TIME ZONE 'UTC') WHERE "name" = ${name} AND "holder" = ${holder}`;
}

const processHolder = () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface OutboxEventInput {
  type: string;
  entityType: string;
  entityId: string;
  recipients: string[];
  payload: Prisma.InputJsonValue;
}

/** Call it with the transaction that makes the change: the event commits or rolls back with it. */
export async function writeOutboxEvent(tx: Tx | Db, actor: Pick<Actor, 'userId' | 'name'>, event: OutboxEventInput) {
  return tx.outboxEvent.create({
    data: { type: event.type, entityType: event.entityType, entityId: event.entityId, actorId: actor.userId, actorName: actor.name, recipients: event.recipients, payload: event.payload },
    select: { id: true },
  });
}

export interface OutboxEventRow {
  id: string;
  type: string;
  entityType: string;
  entityId: string;
  actorId: string | null;
  actorName: string;
  recipients: string[];
  payload: Prisma.JsonValue;
  createdAt: Date;
}

/** Turns one event into the deliveries it needs now (reading preferences, destinations…). */
export type Expander = (tx: Tx, event: OutboxEventRow) => Promise<{ channel: string; target: DeliveryTarget }[]>;

export interface ClaimedDelivery {
  id: string;
  channel: string;
  target: string;
  idempotencyKey: string;
  /** Including this one. */
  attempts: number;
  event: OutboxEventRow;
}

export interface OutboxChannel {
  name: string;
  /** At most this many of its deliveries in flight at once. */
  concurrency: number;
  /** A send taking longer fails (and is retried). */
  timeoutMs: number;
  /**
   * Delivers one, or throws. A channel whose delivery is a database write (the in-app inbox) gets `tx`:
   * its write and the delivery's "sent" commit together, so it is delivered exactly once.
   */
  send(delivery: ClaimedDelivery, context: { signal: AbortSignal; tx?: Tx }): Promise<void>;
  transactional?: boolean;
}

const eventSelect = { id: true, type: true, entityType: true, entityId: true, actorId: true, actorName: true, recipients: true, payload: true, createdAt: true } satisfies Prisma.OutboxEventSelect;

/** Expands events not yet fanned out, oldest first; each event's deliveries are created with it marked, in one transaction. */
export async function fanOut(db: Db, expand: Expander, limit = 100): Promise<number> {
  const events = await db.outboxEvent.findMany({ where: { expandedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: limit, select: eventSelect });
  for (const event of events) {
    await db.$transaction(async (tx) => {
      // Marked first: of two processes expanding the same event, the second finds it done.
      const marked = await tx.outboxEvent.updateMany({ where: { id: event.id, expandedAt: null }, data: { expandedAt: new Date() } });
      if (marked.count === 0) return;
      const deliveries = await expand(tx, event);
      if (deliveries.length === 0) return;
      await tx.outboxDelivery.createMany({
        data: deliveries.map(({ channel, target }) => ({
          eventId: event.id,
          channel,
          target: `${target.kind}:${target.id}`,
          idempotencyKey: idempotencyKey(event.id, channel, target),
        })),
        skipDuplicates: true,
      });
    });
  }
  return events.length;
}

/**
 * Claims up to `limit` due deliveries of one channel for `holder` until `lockMs` from now, counting the
 * attempt. SKIP LOCKED: two processes claiming at once get different rows; a claim whose holder died
 * is taken over once it runs out.
 */
export async function claimDue(db: Db, claim: { channel: string; holder: string; limit: number; lockMs: number }): Promise<ClaimedDelivery[]> {
  const rows = await db.$queryRaw<{ id: string; eventId: string; target: string; idempotencyKey: string; attempts: number }[]>`
    UPDATE "OutboxDelivery" AS d
    SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${claim.lockMs}::int * interval '1 millisecond',
        "lockedBy" = ${claim.holder},
        "attempts" = d."attempts" + 1,
        "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE d."id" IN (
      SELECT "id" FROM "OutboxDelivery"
      WHERE "channel" = ${claim.channel}
        AND "status" IN ('PENDING', 'RETRYING')
        AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= (now() AT TIME ZONE 'UTC'))
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${claim.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d."id"::text AS "id", d."eventId"::text AS "eventId", d."target", d."idempotencyKey", d."attempts"`;
  if (rows.length === 0) return [];
  const events = await db.outboxEvent.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.eventId))] } }, select: eventSelect });
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.flatMap((row) => {
    const event = byId.get(row.eventId);
    return event ? [{ id: row.id, channel: claim.channel, target: row.target, idempotencyKey: row.idempotencyKey, attempts: row.attempts, event }] : [];
  });
}

/** Marks a claimed delivery sent; false when the claim was lost meanwhile (it ran out and another took it). */
async function markSent(db: Tx | Db, id: string, holder: string): Promise<boolean> {
  const done = await db.outboxDelivery.updateMany({ where: { id, lockedBy: holder, status: { in: ['PENDING', 'RETRYING'] } }, data: { status: 'SENT', sentAt: new Date(), lockedUntil: null, lastError: null } });
  return done.count === 1;
}

async function markFailed(db: Db, delivery: ClaimedDelivery, holder: string, error: unknown, backoff: Backoff) {
  const delay = retryDelayMs(delivery.attempts, backoff);
  await db.$executeRaw`
    UPDATE "OutboxDelivery"
    SET "status" = ${delay === null ? 'DEAD' : 'RETRYING'}::"DeliveryStatus",
        "nextAttemptAt" = (now() AT TIME ZONE 'UTC') + ${delay ?? 0}::int * interval '1 millisecond',
        "lockedUntil" = NULL,
        "lastError" = ${errorText(error)},
        "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = ${delivery.id}::uuid AND "lockedBy" = ${holder} AND "status" IN ('PENDING', 'RETRYING')`;
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** One attempt: the send under its timeout, then sent or failed (with the next attempt scheduled). */
export async function deliverOne(db: Db, channel: OutboxChannel, delivery: ClaimedDelivery, options: { holder: string; backoff: Backoff; signal?: AbortSignal }): Promise<'sent' | 'failed'> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new TimeoutError(`No answer within ${channel.timeoutMs} ms`)), channel.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  // A channel that ignores its signal still loses the race against the timeout.
  const timedOut = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new TimeoutError('Aborted')), { once: true }));
  try {
    if (channel.transactional) {
      await db.$transaction(async (tx) => {
        await Promise.race([channel.send(delivery, { signal, tx }), timedOut]);
        if (!(await markSent(tx, delivery.id, options.holder))) throw new Error('The claim on this delivery was lost');
      });
    } else {
      await Promise.race([channel.send(delivery, { signal }), timedOut]);
      await markSent(db, delivery.id, options.holder);
    }
    return 'sent';
  } catch (error) {
    await markFailed(db, delivery, options.holder, error, options.backoff);
    return 'failed';
  } finally {
    clearTimeout(timer);
    timedOut.catch(() => {});
  }
}

export interface DispatcherOptions {
  channels: OutboxChannel[];
  expand: Expander;
  holder?: string;
  /** How often to look for work when there is none (default 500 ms). */
  pollMs?: number;
  /** The standing lease (default 30 s): another process takes over this long after this one dies. */
  leaseMs?: number;
  backoff?: Backoff;
  logger?: JobLogger;
}

export const DISPATCH_JOB = 'outbox.dispatch';

/**
 * Delivers the outbox. Only the process holding the `outbox.dispatch` lease works; each channel has its
 * own loop, so a slow mail server never holds up the inbox, and within a channel at most `concurrency`
 * sends are in flight.
 */
export class OutboxDispatcher {
  readonly holder: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly backoff: Backoff;
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private leaseCheckedAt = 0;
  private leader = false;

  constructor(
    private readonly db: Db,
    private readonly options: DispatcherOptions,
  ) {
    this.holder = options.holder ?? processHolder();
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.backoff = options.backoff ?? defaultBackoff;
  }

  /** Whether this process may deliver now: holds (or renews, a third into its term) the lease. */
  async isLeader(): Promise<boolean> {
    if (this.leader && Date.now() - this.leaseCheckedAt < this.leaseMs / 3) return true;
    this.leader = await holdJobLease(this.db, { name: DISPATCH_JOB, holder: this.holder, leaseMs: this.leaseMs });
    this.leaseCheckedAt = Date.now();
    return this.leader;
  }

  /** Fans out new events once. */
  async expandOnce(): Promise<number> {
    const count = await fanOut(this.db, this.options.expand);
    if (count > 0) this.wake();
    return count;
  }

  /** Claims and sends one batch of a channel's due deliveries; the number claimed. */
  async deliverOnce(channel: OutboxChannel): Promise<number> {
    const lockMs = channel.timeoutMs * 2 + 5_000;
    const claimed = await claimDue(this.db, { channel: channel.name, holder: this.holder, limit: channel.concurrency, lockMs });
    await Promise.all(claimed.map((d) => deliverOne(this.db, channel, d, { holder: this.holder, backoff: this.backoff, signal: this.stopping.signal })));
    return claimed.length;
  }

  /** Everything due now, for tests and the command line: fan out, then deliver until nothing is due. */
  async drain(): Promise<void> {
    while ((await this.expandOnce()) > 0);
    await Promise.all(this.options.channels.map(async (channel) => {
      while ((await this.deliverOnce(channel)) > 0);
    }));
  }

  start(): void {
    const loop = async (work: () => Promise<number>) => {
      while (!this.stopping.signal.aborted) {
        let busy = 0;
        try {
          if (await this.isLeader()) busy = await work();
        } catch (err) {
          this.options.logger?.error({ job: DISPATCH_JOB, err }, 'outbox dispatch failed');
        }
        if (busy === 0) await this.sleep();
      }
    };
    this.loops = [loop(() => this.expandOnce()), ...this.options.channels.map((channel) => loop(() => this.deliverOnce(channel)))];
  }

  /** Stops the loops, aborting sends in flight (they are retried later), and lets go of the lease. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('The server is shutting down'));
    this.wake();
    await Promise.all(this.loops);
    if (this.leader) await releaseJobLease(this.db, DISPATCH_JOB, this.holder).catch(() => {});
  }

  /** New work may be due: the loops look now instead of at their next poll. */
  wake(): void {
    for (const waker of this.wakers) waker();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakers.add(done);
      if (this.stopping.signal.aborted) done();
    });
  }
}

// ---- the admin's view ------------------------------------------------------------------------------

export async function listDeliveries(db: Db, input: { channel?: string | undefined; status?: 'PENDING' | 'RETRYING' | 'SENT' | 'DEAD' | undefined; limit: number }) {
  const rows = await db.outboxDelivery.findMany({
    where: { ...(input.channel && { channel: input.channel }), ...(input.status && { status: input.status }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
    select: { id: true, channel: true, target: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, sentAt: true, createdAt: true, event: { select: { type: true, entityType: true, entityId: true } } },
  });
  return rows.map((r) => ({ ...r, nextAttemptAt: r.nextAttemptAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }));
}

/** "Retry now": a dead (or waiting) delivery is due again at once, for one more attempt. */
export async function retryDelivery(db: Db, id: string): Promise<boolean> {
  const done = await db.outboxDelivery.updateMany({ where: { id, status: { in: ['DEAD', 'RETRYING'] } }, data: { status: 'RETRYING', nextAttemptAt: new Date(), lockedUntil: null } });
  return done.count === 1;
}
