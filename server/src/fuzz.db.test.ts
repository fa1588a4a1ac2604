// Every procedure of the root router, called with generated invalid and hostile input: wrong types,
// huge strings, odd unicode, prototype-pollution keys, SQL and HTML fragments. No call may end in an
// internal error, and a call that is refused must leave every table as it was.
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { callerFor, createTestDb, createTestUser, testServices } from './test/test-db.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>)
  .map(([path, p]) => ({ path, type: p._def.type }))
  // A subscription is a stream, not a call; its input is checked by the same zod parsing.
  .filter((p) => p.type !== 'subscription');

const hostileStrings = [
  "'; DROP TABLE \"Plan\"; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '\u0000\u0001\u202e',
  '𝕬𝖎𝖔𝖓𝖎𝖘 🚀 漢字',
  'x'.repeat(100_000),
  '00000000-0000-0000-0000-000000000000',
  '9999-99-99',
  'NaN',
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...hostileStrings),
  fc.constantFrom<unknown>(null, undefined, true, -1, 0, 1e308, Number.NaN, Number.POSITIVE_INFINITY, [], {}),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.integer(),
  fc.double(),
);

/** Objects with the field names procedures use, filled with wrong or hostile values. */
const hostileObject = fc.dictionary(
  fc.constantFrom('id', 'version', 'title', 'status', 'phaseId', 'gateId', 'targetType', 'targetId', 'evidenceId', 'weekStart', 'url', 'csv', 'q', 'cursor', 'limit', 'key', 'spec', 'values', 'email', 'role', 'decision', 'reason', 'orderedIds'),
  hostileValue,
  { maxKeys: 6 },
);

const pollution = [JSON.parse('{"__proto__": {"polluted": "yes"}}'), JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'), { toString: 'x', valueOf: 1 }];

const inputArb = fc.oneof(hostileValue, hostileObject, fc.constantFrom<unknown>(...pollution), fc.anything({ maxDepth: 2 }));

describe('fuzzing every procedure', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const admin = await createTestUser(db, 'admin');
  const caller = callerFor(services, admin) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const tables = (
    await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
    )
  ).map((r) => r.table_name);
  const countsQuery = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
  const counts = async () => JSON.stringify(await db.prisma.$queryRawUnsafe(countsQuery));

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  it('finds the procedures and the tables', () => {
    expect(procedures.length).toBeGreaterThan(50);
    expect(tables).toContain('AuditEvent');
  });

  for (const p of procedures) {
    it(`${p.path}: no internal error, and a refused call changes nothing`, async () => {
      const [ns, name] = p.path.split('.') as [string, string];
      await fc.assert(
        fc.asyncProperty(inputArb, async (input) => {
          const before = await counts();
          try {
            await caller[ns]![name]!(input);
          } catch (error) {
            expect(error, `${p.path} threw something that is not a tRPC error`).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code, `${p.path} with ${String(JSON.stringify(input)).slice(0, 200)}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect(await counts(), `${p.path}: a refused call changed rows`).toBe(before);
          }
        }),
        { numRuns: RUNS, seed: 20261126 },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
