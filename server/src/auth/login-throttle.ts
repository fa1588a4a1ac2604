import type { Db } from '../db/database.js';

// Failed sign-ins are counted per account and per address in the database (so two servers share the
// count). Past the limit, sign-in answers 429 until the window has passed, whatever the password.
export const LOGIN_WINDOW_MS = 60_000;
/** Per account: a person mistyping, or someone guessing one password. */
export const LOGIN_MAX_FAILURES = 5;
/** Per address: higher, since a whole office may share one address. */
export const LOGIN_MAX_FAILURES_PER_IP = 20;

const limitFor = (key: string) => (key.startsWith('ip:') ? LOGIN_MAX_FAILURES_PER_IP : LOGIN_MAX_FAILURES);

export function throttleKeys(ip: string, email: unknown): string[] {
  const keys = [`ip:${ip}`];
  if (typeof email === 'string' && email.trim()) keys.push(`account:${email.trim().toLowerCase()}`);
  return keys;
}

export async function isThrottled(prisma: Db, keys: string[], now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const counts = await prisma.loginFailure.groupBy({ by: ['key'], where: { key: { in: keys }, at: { gt: since } }, _count: { _all: true } });
  return counts.some((c) => c._count._all >= limitFor(c.key));
}

export async function recordFailure(prisma: Db, keys: string[], now = new Date()) {
  await prisma.$transaction([
    prisma.loginFailure.createMany({ data: keys.map((key) => ({ key, at: now })) }),
    // Old rows are only noise: trim them as we go.
    prisma.loginFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 10 * LOGIN_WINDOW_MS) } } }),
  ]);
}
