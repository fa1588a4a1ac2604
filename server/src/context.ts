import type { Auth } from './auth/auth.js';
import type { Database } from './db/database.js';
import type { DemoAccount } from './demo/demo-accounts.js';
import { localToday } from './lib/dates.js';
import type { ChangeFeed } from './modules/live/live.service.js';
import type { MailConfig } from './modules/notifications/email.service.js';
import type { TokenPrincipal } from './modules/tokens/tokens.rules.js';
import type { Role } from './modules/users/users.schema.js';

export interface AppServices {
  db: Database;
  auth: Auth;
  /** Today's date; tests pin it. */
  today: () => string;
  /** Demo mode only: the accounts the login page lists. */
  demoAccounts?: readonly DemoAccount[];
  /** Evidence link checks (LINK_CHECK_*): private addresses allowed?, per-request timeout, parallel checks. */
  linkCheck?: {
    allowPrivate: boolean;
    timeoutMs: number;
    concurrency: number;
    /** Check a link right after it is added or its address changes (off in tests: no network there). */
    checkOnSave?: boolean;
  };
  /** Email notifications (SMTP_URL, MAIL_FROM); absent: mail is off and no one is offered it. */
  mail?: MailConfig;
  /** Committed changes, for live updates; absent where nothing listens (most tests). */
  changes?: ChangeFeed;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** Who is acting, passed to every write so the audit trail can name them. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  requestId: string;
}

export interface Context extends AppServices {
  requestId: string;
  /** The person signed in, or the one a token acts as (a service token: the service itself). */
  user: SessionUser | null;
  /** Set when the request came with an API token (REST, MCP): its scopes bound what it may call. */
  token?: TokenPrincipal | null;
}

export const systemToday = () => localToday();
