import { createHash, randomBytes } from 'node:crypto';
import type { Auth } from '../../auth/auth.js';
import type { Actor, SessionUser } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { FirstAdminInput, Role, UserCreateInput } from './users.schema.js';
import { passwordMessages, passwordProblem, selfChangeProblem } from './users.rules.js';

const SET_PASSWORD_DAYS = 7;
const setPasswordIdentifier = (userId: string) => `set-password:${userId}`;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** 16 characters from a CSPRNG: shown once to the admin, never stored in clear. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

function checkPassword(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError('INVALID', passwordMessages[problem], [{ path: 'password', message: passwordMessages[problem] }]);
}

export async function setupState(db: Db) {
  return { needsFirstAdmin: (await db.user.count()) === 0 };
}

async function createAccount(auth: Auth, input: { name: string; email: string; password: string; role: Role }) {
  try {
    const { user } = await auth.api.createUser({ body: { ...input, role: input.role as 'admin' } });
    return user;
  } catch (error) {
    const message = String((error as Error).message ?? error);
    // Better Auth checks for the email first; a create that raced past that check meets the unique index.
    if (/exist/i.test(message) || (error as { code?: unknown }).code === 'P2002') {
      throw new DomainError('CONFLICT', 'A user with this email already exists', [{ path: 'email', message: 'Already in use' }]);
    }
    throw error;
  }
}

/** Taken by the transaction that creates the first admin, so two at once cannot both see "no users". */
const FIRST_ADMIN_LOCK = 4_242_018;

/**
 * First run: on a database with no users, the first person creates the admin account. The check for
 * "no users", the account and its audit event are one transaction under an advisory lock: of any number
 * of simultaneous calls exactly one creates an admin, the others get CONFLICT, as any later call does.
 * The user and credential rows are written here (as Better Auth's createUser writes them, with its id
 * generator and password hash) rather than through Better Auth, whose writes would be outside the lock.
 */
export async function createFirstAdmin(db: Db, auth: Auth, input: FirstAdminInput & { email: string }, requestId: string) {
  checkPassword(input.password);
  const exists = () => new DomainError('CONFLICT', 'The first admin already exists; sign in instead');
  if (!(await setupState(db)).needsFirstAdmin) throw exists();
  const context = await auth.$context;
  const hash = await context.password.hash(input.password);
  const email = input.email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK}::bigint)`;
    if ((await tx.user.count()) > 0) throw exists();
    const userId = context.generateId({ model: 'user' }) || randomBytes(16).toString('hex');
    await tx.user.create({ data: { id: userId, name: input.name, email, emailVerified: false, role: 'admin' } });
    await tx.account.create({
      data: { id: context.generateId({ model: 'account' }) || randomBytes(16).toString('hex'), accountId: userId, providerId: 'credential', userId, password: hash },
    });
    await recordAudit(tx, { userId, name: input.name, role: 'admin', requestId }, {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      changes: { name: input.name, email, role: 'admin', firstAdmin: true },
    });
    return { userId };
  });
}

export async function listUsers(db: Db) {
  const rows = await db.user.findMany({
    orderBy: [{ banned: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, email: true, role: true, banned: true, createdAt: true, _count: { select: { sessions: true } } },
  });
  return rows.map(({ _count, createdAt, ...u }) => ({ ...u, createdAt: createdAt.toISOString(), activeSessions: _count.sessions }));
}

/** Adds a user with a one-time password (shown once) or a set-password link to hand over. */
export async function createUser(db: Db, auth: Auth, actor: Actor, input: Required<UserCreateInput> & { email: string }) {
  const password = generatePassword();
  const user = await createAccount(auth, { name: input.name, email: input.email, password, role: input.role });
  let setPasswordToken: string | null = null;
  await db.$transaction(async (tx) => {
    if (input.credential === 'set-password-link') setPasswordToken = await issueSetPasswordToken(tx, user.id);
    await recordAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      changes: { name: input.name, email: input.email, role: input.role, credential: input.credential },
    });
  });
  return input.credential === 'one-time-password'
    ? { userId: user.id, oneTimePassword: password, setPasswordToken: null }
    : { userId: user.id, oneTimePassword: null, setPasswordToken };
}


async function issueSetPasswordToken(tx: Tx, userId: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await tx.verification.deleteMany({ where: { identifier: setPasswordIdentifier(userId) } });
  await tx.verification.create({
    data: {
      id: randomBytes(12).toString('hex'),
      identifier: setPasswordIdentifier(userId),
      value: hashToken(token),
      expiresAt: new Date(Date.now() + SET_PASSWORD_DAYS * 86_400_000),
    },
  });
  return token;
}

async function loadUser(tx: Tx | Db, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true, banned: true } });
  if (!user) throw notFound('User', userId);
  return user;
}

export async function setRole(db: Db, actor: Actor, userId: string, role: Role) {
  const selfProblem = selfChangeProblem(actor.userId, userId, 'role');
  if (selfProblem) throw new DomainError('PRECONDITION_FAILED', selfProblem);
  return db.$transaction(async (tx) => {
    const user = await loadUser(tx, userId);
    if (user.role === role) return { userId };
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, actor, { action: 'user.role', entityType: 'user', entityId: userId, changes: { role: { from: user.role, to: role } } });
    return { userId };
  });
}

/** Deactivating signs the user out everywhere at once and keeps them from signing in; nothing is deleted. */
export async function setActive(db: Db, actor: Actor, userId: string, active: boolean) {
  if (!active) {
    const selfProblem = selfChangeProblem(actor.userId, userId, 'deactivate');
    if (selfProblem) throw new DomainError('PRECONDITION_FAILED', selfProblem);
  }
  return db.$transaction(async (tx) => {
    const user = await loadUser(tx, userId);
    if (user.banned === !active) return { userId };
    await tx.user.update({ where: { id: userId }, data: { banned: !active, banReason: active ? null : 'Deactivated by an admin' } });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, actor, {
      action: active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: userId,
      changes: { active: { from: !active, to: active } },
    });
    return { userId };
  });
}

export async function revokeSessions(db: Db, actor: Actor, userId: string) {
  return db.$transaction(async (tx) => {
    await loadUser(tx, userId);
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, actor, { action: 'user.revokeSessions', entityType: 'user', entityId: userId, changes: { sessions: count } });
    return { userId, revoked: count };
  });
}

async function writePassword(tx: Tx, auth: Auth, userId: string, password: string) {
  const hash = await (await auth.$context).password.hash(password);
  const { count } = await tx.account.updateMany({ where: { userId, providerId: 'credential' }, data: { password: hash } });
  if (count === 0) {
    await tx.account.create({ data: { id: randomBytes(12).toString('hex'), accountId: userId, providerId: 'credential', userId, password: hash } });
  }
  await tx.session.deleteMany({ where: { userId } });
}

/** A new one-time password for a user; their sessions end. */
export async function resetPassword(db: Db, auth: Auth, actor: Actor, userId: string) {
  const password = generatePassword();
  await db.$transaction(async (tx) => {
    await loadUser(tx, userId);
    await writePassword(tx, auth, userId, password);
    await recordAudit(tx, actor, { action: 'user.resetPassword', entityType: 'user', entityId: userId, changes: {} });
  });
  return { userId, oneTimePassword: password };
}

/** A person following a set-password link chooses their password. */
export async function setPasswordWithToken(db: Db, auth: Auth, input: { token: string; password: string }, requestId: string) {
  checkPassword(input.password);
  return db.$transaction(async (tx) => {
    const row = await tx.verification.findFirst({
      where: { value: hashToken(input.token), identifier: { startsWith: 'set-password:' }, expiresAt: { gt: new Date() } },
      select: { id: true, identifier: true },
    });
    if (!row) throw new DomainError('INVALID', 'This link has expired or was already used; ask an admin for a new one', [{ path: 'token', message: 'Expired or used' }]);
    const userId = row.identifier.slice('set-password:'.length);
    const user = await loadUser(tx, userId);
    await writePassword(tx, auth, userId, input.password);
    await tx.verification.delete({ where: { id: row.id } });
    await recordAudit(tx, { userId, name: user.name, role: user.role as Role, requestId }, {
      action: 'user.setPassword',
      entityType: 'user',
      entityId: userId,
      changes: {},
    });
    return { email: (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email };
  });
}

export function me(user: SessionUser | null) {
  return user;
}
