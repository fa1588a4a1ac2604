import type { IncomingHttpHeaders } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import type { SessionUser } from '../context.js';
import { isRole } from '../modules/users/users.rules.js';
import type { Auth } from './auth.js';

/** The signed-in user behind a request's session cookie, or null (no session, expired, revoked, deactivated). */
export async function sessionUser(auth: Auth, headers: IncomingHttpHeaders): Promise<SessionUser | null> {
  if (!headers.cookie) return null;
  const session = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!session) return null;
  const { id, name, email, role, banned } = session.user as typeof session.user & { role?: string | null; banned?: boolean | null };
  if (banned || !isRole(role)) return null;
  return { id, name, email, role };
}
