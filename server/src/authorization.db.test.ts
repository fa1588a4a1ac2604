// The role matrix: every procedure of the root router, called as each role and signed out. A new
// procedure without a role rule fails here, so rights cannot be forgotten; the table of who may call
// what is a snapshot (__snapshots__/authorization.db.test.ts.snap), so widening a right shows in review.
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { roles, type Role } from './modules/users/users.schema.js';
import type { ProcedureMeta } from './trpc.js';
import { callerFor, createTestDb, createTestUser, testServices } from './test/test-db.js';

/** Procedures anyone may call signed out: the route guard, first-run setup and set-password links. */
const PUBLIC = new Set(['users.me', 'users.setupState', 'users.createFirstAdmin', 'users.setPasswordWithToken', 'users.demoAccounts']);

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  meta?: ProcedureMeta;
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, p]) => ({
  path,
  type: p._def.type,
  meta: p._def.meta,
}));

async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return error instanceof TRPCError ? error.code : 'THROWN';
  }
}

describe('authorization', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const users = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await createTestUser(db, r)] as const))) as Record<Role, Awaited<ReturnType<typeof createTestUser>>>;

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('finds the procedures and every one declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(15);
    for (const p of procedures) {
      if (PUBLIC.has(p.path)) continue;
      expect(p.meta?.roles, `${p.path} has no role rule`).toBeDefined();
      if (p.type === 'mutation') expect(p.meta!.roles, `${p.path} is a write open to every role`).not.toBe('any');
    }
  });

  it('matches the reviewed table of who may call each procedure', () => {
    const table = Object.fromEntries(
      procedures
        .map((p) => [p.path, PUBLIC.has(p.path) ? 'public' : p.meta!.roles === 'any' ? 'any signed-in role' : p.meta!.roles!.join(', ')] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(table).toMatchSnapshot();
  });

  // Inputs that pass validation are not needed: the role check runs before the input is parsed, so a
  // refused call is refused whatever it sends, and an allowed one fails later, if at all, for its input.
  for (const p of procedures.filter((x) => !PUBLIC.has(x.path))) {
    it(`${p.path}: signed out is UNAUTHORIZED; each role gets exactly its rights`, async () => {
      const call = (role: Role | null) => {
        const caller = callerFor(services, role ? users[role] : null) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
        const [ns, name] = p.path.split('.') as [string, string];
        return outcome(() => caller[ns]![name]!({}));
      };
      expect(await call(null)).toBe('UNAUTHORIZED');
      for (const role of roles) {
        const allowed = p.meta!.roles === 'any' || p.meta!.roles!.includes(role);
        const result = await call(role);
        if (allowed) expect(['FORBIDDEN', 'UNAUTHORIZED'], `${role} on ${p.path}`).not.toContain(result);
        else expect(result, `${role} on ${p.path}`).toBe('FORBIDDEN');
      }
    });
  }

  it('a refused write changes nothing', async () => {
    const before = await db.prisma.gate.findMany({ orderBy: { id: 'asc' } });
    const gate = before[0]!;
    const sales = callerFor(services, users.sales);
    await expect(sales.gates.setStatus({ id: gate.id, version: gate.version, status: 'BLOCKED', reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const pm = callerFor(services, users.pm);
    await expect(pm.gates.setStatus({ id: gate.id, version: gate.version, status: 'PASSED', decision: 'GO', reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.prisma.gate.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('pm sets a gate up to blocked; leadership decides No-go', async () => {
    const gate = (await db.prisma.gate.findFirstOrThrow({ orderBy: { id: 'asc' } }));
    const pm = callerFor(services, users.pm);
    const { version } = await pm.gates.setStatus({ id: gate.id, version: gate.version, status: 'BLOCKED', reason: 'Docs build is red' });
    const leadership = callerFor(services, users.leadership);
    await leadership.gates.setStatus({ id: gate.id, version, status: 'FAILED', decision: 'NO_GO', reason: 'Not fixed in time' });
    expect((await db.prisma.gate.findUniqueOrThrow({ where: { id: gate.id } })).status).toBe('FAILED');
  });
});
