import type { Db } from '../db/database.js';

// Sign-in attempts are counted per account and per address in the database (so two servers share the
// count). An attempt is counted *before* its password is checked, under a lock on each of its keys, so
// however many arrive at once no more than the limit are ever checked in a window; a successful
// sign-in takes its own attempt back. Past the limit, sign-in answers 429 until the window has
// passed, whatever the password.
export const LOGIN_WINDOW_MS = 60_000;
/** Per account: a person mistyping, or someone guessing one password. */
export const LOGIN_MAX_FAILURES = 5;
/** Per address: higher, since a whole office may share one address. */
export const LOGIN_MAX_FAILURES_PER_IP = 20;

/** The first key of pg_advisory_xact_lock(int4, int4): the second is the hash of a throttle key. */
const THROTTLE_LOCK_SPACE = 4242017;

const limitFor = (key: string) => (key.startsWith('ip:') ? LOGIN_MAX_FAILURES_PER_IP : LOGIN_MAX_FAILURES);

export function throttleKeys(ip: string, email: unknown): string[] {
  const keys = [`ip:${ip}`];
  if (typeof email === 'string' && email.trim()) keys.push(`account:${email.trim().toLowerCase()}`);
  return keys;
}

/** An attempt allowed to go on to the password check; `release` it when the sign-in succeeds. */
export interface Attempt {
  ids: string[];
}

/**
 * Counts one sign-in attempt against each key, or refuses it (null) when any key already has its limit
 * of attempts in the window. Lock, count and insert happen in one transaction holding a
 * transaction-scoped advisory lock per key (taken in a fixed order, so two attempts never wait on each
 * other crosswise): the next attempt on a key counts only after this one is written.
 */
export async function beginAttempt(prisma: Db, keys: string[], now = new Date()): Promise<Attempt | null> {
  const ordered = [...new Set(keys)].sort();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const atLimit = async (db: Pick<Db, 'loginFailure'>) => {
    const counts = await db.loginFailure.groupBy({ by: ['key'], where: { key: { in: ordered }, at: { gt: since } }, _count: { _all: true } });
    return counts.some((c) => c._count._all >= limitFor(c.key));
  };
  // Already at the limit (what a guesser meets after their first few): refused without a lock or a
  // transaction. Counts only fall by a success taking its own attempt back, so this errs only to 429.
  if (await atLimit(prisma)) return null;
  const attempt = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${THROTTLE_LOCK_SPACE}::int4, hashtext(k)) FROM unnest(${ordered}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`;
      if (await atLimit(tx)) return null;
      const rows = await tx.loginFailure.createManyAndReturn({ data: ordered.map((key) => ({ key, at: now })), select: { id: true } });
      return { ids: rows.map((r) => r.id) };
    },
    // A burst on one key queues on its lock (holding a pooled connection each); a few ms per attempt,
    // but more than Prisma's default 2 s to get started when dozens arrive on a busy server.
    { maxWait: 15_000, timeout: 15_000 },
  );
  // Old rows are only noise: trim them as we go (outside the locks: it concerns no one's count).
  if (attempt) await prisma.loginFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 10 * LOGIN_WINDOW_MS) } } });
  return attempt;
}

/** The password was right: this attempt does not count against anyone (earlier failures still do). */
export async function releaseAttempt(prisma: Db, attempt: Attempt) {
  await prisma.loginFailure.deleteMany({ where: { id: { in: attempt.ids } } });
}
