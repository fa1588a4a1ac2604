// Pure rules of the outbox: the identity of a delivery and when to try it again (decision 029).

/** A delivery goes to a user (their inbox, their mail) or to a destination an admin configured. */
export type DeliveryTarget = { kind: 'user'; id: string } | { kind: 'destination'; id: string };

export const targetKey = (target: DeliveryTarget) => `${target.kind}:${target.id}`;

export function parseTarget(key: string): DeliveryTarget | null {
  const match = /^(user|destination):(.+)$/.exec(key);
  return match ? { kind: match[1] as DeliveryTarget['kind'], id: match[2]! } : null;
}

/**
 * One per (event, channel, target): the unique key that makes a fan-out run twice add nothing, and the
 * id a receiver sees (Message-ID, webhook-id), so it can drop a resend after a crash.
 */
export const idempotencyKey = (eventId: string, channel: string, target: DeliveryTarget) => `${eventId}:${channel}:${targetKey(target)}`;

export interface Backoff {
  /** The wait after the first failed attempt. */
  baseMs: number;
  /** No wait is longer. */
  maxMs: number;
  /** After this many failed attempts the delivery is dead (an admin may retry it). */
  maxAttempts: number;
  /** ± this fraction of the wait, so deliveries that failed together do not retry together. */
  jitter: number;
}

/** 1 min, 2, 4 … doubling up to 6 h; the 10th failure (about 8½ h after the first) is final. */
export const defaultBackoff: Backoff = { baseMs: 60_000, maxMs: 6 * 3_600_000, maxAttempts: 10, jitter: 0.2 };

/**
 * After `attempts` failed attempts: the wait before the next, or null when the delivery is dead.
 * `random` is in [0, 1); the jittered wait never exceeds the cap.
 */
export function retryDelayMs(attempts: number, backoff: Backoff = defaultBackoff, random = Math.random()): number | null {
  if (attempts >= backoff.maxAttempts) return null;
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (1 - backoff.jitter + 2 * backoff.jitter * random);
  return Math.round(Math.min(backoff.maxMs, Math.max(0, jittered)));
}

/** What a failure leaves in `lastError`: short enough for a table cell, never a stack. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
