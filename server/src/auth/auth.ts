// Accounts and sessions are Better Auth's (docs/decisions/005-accounts-with-better-auth.md): password
// hashing, session cookies and expiry are its code, not ours. This module configures it.
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { admin } from 'better-auth/plugins/admin';
import type { Db } from '../db/database.js';
import { roles } from '../modules/users/users.schema.js';
import { passwordMessages, passwordProblem } from '../modules/users/users.rules.js';

export interface AuthOptions {
  /** Where the console is reached; an https:// URL makes session cookies Secure. */
  publicUrl: string;
  /** AUTH_SECRET, or undefined to use one generated once and kept in the database. */
  secret: string | undefined;
  sessionIdleDays: number;
  /** Origins besides PUBLIC_URL's that may sign in (ALLOWED_ORIGINS). */
  trustedOrigins?: readonly string[];
}

const DAY = 24 * 60 * 60;

export async function createAuth(prisma: Db, options: AuthOptions) {
  const secret = options.secret ?? (await storedSecret(prisma));
  return betterAuth({
    appName: 'Aionis GTM console',
    baseURL: options.publicUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins: [new URL(options.publicUrl).origin, ...(options.trustedOrigins ?? [])],
    database: prismaAdapter(prisma, { provider: 'postgresql', transaction: true }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by an admin (or the first-run setup), never by signing up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
    },
    session: {
      // Sliding expiry: a session idle for this long is gone; use refreshes it daily.
      expiresIn: options.sessionIdleDays * DAY,
      updateAge: DAY,
    },
    // Counting failed sign-ins per account and per address is ours (auth/login-throttle.ts).
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'aionis',
      useSecureCookies: options.publicUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    plugins: [admin({ defaultRole: 'viewer', adminRoles: ['admin'] })],
    hooks: {
      // Any endpoint that takes a new password from a person applies the console's password rules.
      before: createAuthMiddleware(async (ctx) => {
        const body = ctx.body as { password?: unknown; newPassword?: unknown } | undefined;
        const candidate = body?.newPassword ?? body?.password;
        if (ctx.path === '/sign-in/email' || typeof candidate !== 'string') return;
        const problem = passwordProblem(candidate);
        if (problem) throw new APIError('BAD_REQUEST', { message: passwordMessages[problem], code: `PASSWORD_${problem.toUpperCase()}` });
      }),
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            const role = (user as { role?: string }).role;
            if (role && !(roles as readonly string[]).includes(role)) return false;
            return { data: user };
          },
        },
      },
    },
    logger: { disabled: process.env.NODE_ENV === 'test' },
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

/** A secret generated on first start and kept in the database, so sessions survive restarts. */
async function storedSecret(prisma: Db): Promise<string> {
  const key = 'auth.secret';
  const existing = await prisma.appSetting.findUnique({ where: { key } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString('base64url');
  // Two servers starting at once must end with the same secret: the first insert wins.
  await prisma.appSetting.createMany({ data: [{ key, value }], skipDuplicates: true });
  return (await prisma.appSetting.findUniqueOrThrow({ where: { key } })).value;
}
