// The change feed behind live updates (docs/decisions/013-live-updates.md). A trigger on AuditEvent
// notifies `aionis_change` for every committed write; each server process LISTENs once and fans the
// notifications out to its open subscriptions, so a write through any process reaches them all.
import type { Database } from '../../db/database.js';
import type { Unlisten } from '../../db/listen.js';
import { parseChange, type Change } from './live.rules.js';

export const CHANGE_CHANNEL = 'aionis_change';

/** A change, or `resync`: changes may have been missed (the database connection broke, or a queue overflowed). */
export type FeedMessage = { kind: 'change'; change: Change } | { kind: 'resync' };

/** A subscriber that falls this far behind gets one `resync` in place of its backlog. */
const MAX_QUEUE = 100;

interface Subscriber {
  queue: FeedMessage[];
  wake: (() => void) | null;
}

interface FeedLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export class ChangeFeedClosedError extends Error {
  constructor() {
    super('The change feed is closed: the server is shutting down');
  }
}

export class ChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private unlisten: Unlisten | null = null;
  private closed = false;

  private constructor() {}

  /** Starts listening; resolves once the database will deliver notifications. */
  static async open(db: Pick<Database, 'listen'>, logger?: FeedLogger): Promise<ChangeFeed> {
    const feed = new ChangeFeed();
    feed.unlisten = await db.listen(CHANGE_CHANNEL, {
      onPayload: (payload) => {
        const change = parseChange(payload);
        if (change) feed.publish({ kind: 'change', change });
        else logger?.warn({ payload }, 'ignored a malformed change notification');
      },
      onReconnect: () => {
        logger?.info({}, 'change feed reconnected; subscribers resync');
        feed.publish({ kind: 'resync' });
      },
      onError: (err) => logger?.warn({ err }, 'change feed connection failed; reconnecting'),
    });
    return feed;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * The messages from now on, until `signal` aborts (the client went away) or the feed closes, which
   * ends the iteration with a ChangeFeedClosedError. Registers at once, before the first `next()`, so
   * nothing committed after this call is missed.
   */
  subscribe(signal?: AbortSignal): AsyncGenerator<FeedMessage, void> {
    if (this.closed) throw new ChangeFeedClosedError();
    const sub: Subscriber = { queue: [], wake: null };
    this.subscribers.add(sub);
    const subscribers = this.subscribers;
    const onAbort = () => {
      subscribers.delete(sub);
      sub.wake?.();
    };
    signal?.addEventListener('abort', onAbort);
    const isClosed = () => this.closed;
    return (async function* () {
      try {
        while (!signal?.aborted) {
          const next = sub.queue.shift();
          if (next) {
            yield next;
            continue;
          }
          if (isClosed()) throw new ChangeFeedClosedError();
          await new Promise<void>((resolve) => (sub.wake = resolve));
          sub.wake = null;
        }
      } finally {
        subscribers.delete(sub);
        signal?.removeEventListener('abort', onAbort);
      }
    })();
  }

  /** Stops listening and ends every subscription. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sub of this.subscribers) sub.wake?.();
    await this.unlisten?.();
    this.unlisten = null;
  }

  private publish(message: FeedMessage) {
    for (const sub of this.subscribers) {
      if (sub.queue.length >= MAX_QUEUE) sub.queue = [{ kind: 'resync' }];
      else sub.queue.push(message);
      sub.wake?.();
    }
  }
}
