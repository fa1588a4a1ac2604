// LISTEN on PostgreSQL needs a connection of its own that stays open: a pooled connection goes back to
// the pool after each query, and notifications for it would be lost.
import pg from 'pg';

export interface ListenHandlers {
  onPayload(payload: string): void;
  /** The connection came back after a break: notifications sent meanwhile are lost. */
  onReconnect?(): void;
  onError?(error: unknown): void;
}

/** Stops listening and closes the connection. */
export type Unlisten = () => Promise<void>;

const MAX_BACKOFF_MS = 10_000;

/**
 * Listens on `channel` through one dedicated connection, reconnecting with backoff (0.25 s doubling
 * to 10 s) when it drops. Resolves once the first LISTEN is in place; rejects if that fails.
 */
export async function listenPostgres(connectionString: string, channel: string, handlers: ListenHandlers): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let backoff = 250;

  const connect = async () => {
    const c = new pg.Client({ connectionString, keepAlive: true, application_name: 'aionis-live' });
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) handlers.onPayload(msg.payload);
    });
    c.on('error', (error) => {
      handlers.onError?.(error);
      scheduleReconnect(c);
    });
    c.on('end', () => scheduleReconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    backoff = 250;
  };

  const scheduleReconnect = (broken: pg.Client) => {
    // Only the connection in use reconnects; `client` is null while a reconnect is under way.
    if (closed || client !== broken) return;
    client = null;
    broken.removeAllListeners('end');
    void broken.end().catch(() => {});
    const attempt = () => {
      retry = setTimeout(() => {
        retry = null;
        connect().then(
          () => {
            if (!closed) handlers.onReconnect?.();
          },
          (error: unknown) => {
            handlers.onError?.(error);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            if (!closed) attempt();
          },
        );
      }, backoff);
    };
    attempt();
  };

  await connect();
  return async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    retry = null;
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
    }
  };
}
