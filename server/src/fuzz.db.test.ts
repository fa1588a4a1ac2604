// Every procedure of the root router, called with generated invalid and hostile input: wrong types,
// huge strings, odd unicode, prototype-pollution keys, SQL and HTML fragments. No call may end in an
// internal error, and a call that is refused must leave every table as it was.
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { buildApp } from './app.js';
import { createMcpServer } from './mcp/mcp.server.js';
import { mcpTools } from './mcp/mcp.tools.js';
import { authenticateToken } from './modules/tokens/tokens.service.js';
import { appRouter } from './router.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { callerFor, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from './test/test-db.js';

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
  // Text PostgreSQL refuses (NUL: 22021) or that cannot be written as JSON (a lone surrogate: 22P02).
  'Acme\u0000Corp',
  '\uD800',
  'tail \uDBFF',
  '\uDC00 head',
  'pair 🚀 then half \uD83D',
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
  fc.constantFrom('id', 'version', 'title', 'status', 'phaseId', 'gateId', 'targetType', 'targetId', 'evidenceId', 'weekStart', 'url', 'csv', 'q', 'cursor', 'limit', 'key', 'spec', 'values', 'email', 'role', 'decision', 'reason', 'orderedIds', 'runId', 'ranAt', 'result', 'commit', 'branch', 'summary', 'kind', 'name', 'scopes', 'access', 'expiresOn'),
  hostileValue,
  { maxKeys: 6 },
);

const pollution = [JSON.parse('{"__proto__": {"polluted": "yes"}}'), JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'), { toString: 'x', valueOf: 1 }];

/** A value nested far deeper than any input (the edge caps nesting; 10,000 levels over HTTP: edge.db.test.ts). */
const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { title: value };
  return value;
};

const inputArb = fc.oneof(hostileValue, hostileObject, fc.constantFrom<unknown>(...pollution, deeplyNested(200)), fc.anything({ maxDepth: 2 }));

/** Text no field may hold, anywhere in a string: a NUL, or half of a surrogate pair. */
const unstorableText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'), fc.string({ maxLength: 8 }))
  .map(([a, bad, b]) => a + bad + b);

/** An otherwise ordinary input with unstorable text in one field, and that field's path. */
const unstorableInput = fc
  .tuple(hostileObject, fc.constantFrom('title', 'company', 'email', 'q', 'note', 'values.0.metric', 'csv'), unstorableText)
  .map(([base, field, text]) => {
    const [head, ...rest] = field.split('.');
    const input: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    input[head!] = rest.length ? [{ metric: text }] : text;
    return { input, field };
  });

// Ordinary inputs that reach the database when the text in them is not refused first.
const realisticUnstorable: [string, unknown, string][] = [
  ['partners.create', { company: 'Acme\u0000Corp', segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED' }, 'company'],
  ['partners.create', { company: 'Acme \uD83D Corp', segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED' }, 'company'],
  ['claims.create', { statement: 'Fast\u0000', channel: 'DOCS', layer: 'OSS' }, 'statement'],
  ['users.create', { name: 'Eve \uDC00', email: 'eve@example.test', role: 'viewer' }, 'name'],
  ['partners.list', { q: 'x\u0000' }, 'q'],
];

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

    it(`${p.path}: unstorable text in any field is refused as BAD_REQUEST naming that field`, async () => {
      const [ns, name] = p.path.split('.') as [string, string];
      await fc.assert(
        fc.asyncProperty(unstorableInput, async ({ input, field }) => {
          const before = await counts();
          const error = await caller[ns]![name]!(input).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error, `${p.path} accepted ${JSON.stringify(input).slice(0, 200)}`).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe('BAD_REQUEST');
          expect((error as TRPCError).message).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
          expect(await counts()).toBe(before);
        }),
        { numRuns: RUNS, seed: 20261204 },
      );
    });
  }

  it.each(realisticUnstorable)('%s with unstorable text in an otherwise valid input: BAD_REQUEST on %s', async (path, input, field) => {
    const [ns, name] = path.split('.') as [string, string];
    const before = await counts();
    const error = await caller[ns]![name]!(input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(new RegExp(`^${field} `)) });
    expect(await counts()).toBe(before);
  });

  // Every MCP tool, through the SDK's client on an in-memory pair: hostile arguments are refused with a
  // reason (never an internal error) and a refused call writes nothing.
  describe('MCP tools', async () => {
    const { token } = await callerFor(services, admin).tokens.createPersonal({ name: 'fuzz mcp', access: 'read-write' });
    const principal = (await authenticateToken(db.prisma, token))!;
    const client = new Client({ name: 'fuzz', version: '1.0.0' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(services, principal, 'fuzz').connect(serverSide);
    await client.connect(clientSide);
    afterAll(() => client.close());

    for (const tool of mcpTools) {
      it(`${tool.name}: refused with a reason, never an internal error`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.oneof(hostileObject, fc.constantFrom<unknown>(...pollution)), async (args) => {
            const before = await counts();
            const result = await client.callTool({ name: tool.name, arguments: args as Record<string, unknown> }).catch((e: unknown) => ({ isError: true, content: [{ type: 'text', text: String(e) }] }));
            const message = (result.content as { text: string }[])[0]?.text ?? '';
            expect(message, `${tool.name} with ${String(JSON.stringify(args)).slice(0, 200)}`).not.toMatch(/INTERNAL_SERVER_ERROR|Internal error/);
            if (result.isError) expect(await counts()).toBe(before);
          }),
          { numRuns: RUNS, seed: 20261205 },
        );
      });
    }
  });

  // The REST routes tools call (docs/integrations.md), over HTTP with a token that may write: hostile
  // bodies, paths and queries get a 4xx in the API's error shape, and nothing is written.
  describe('REST under /api/v1', async () => {
    const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL, tokenRateLimit: 1_000_000 });
    afterAll(() => app.close());
    const { token } = await callerFor(services, admin).tokens.createPersonal({ name: 'fuzz', access: 'read-write' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Objects without a prototype have no toString: their JSON stands in for them.
    const text = (value: unknown) => {
      try {
        return String(value).slice(0, 3000);
      } catch {
        return (JSON.stringify(value) ?? '').slice(0, 3000);
      }
    };
    const routes = [
      (input: unknown) => app.inject({ method: 'POST', url: '/api/v1/gate-runs', headers, payload: JSON.stringify(input) ?? '' }),
      (input: unknown) => app.inject({ method: 'POST', url: '/api/v1/evidence', headers, payload: JSON.stringify(input) ?? '' }),
      (input: unknown) => app.inject({ method: 'GET', url: `/api/v1/gates/${encodeURIComponent(text(input))}`, headers }),
      (input: unknown) =>
        app.inject({ method: 'GET', url: '/api/v1/evidence', headers, query: Object.fromEntries(Object.entries(typeof input === 'object' && input ? input : { q: input }).map(([k, v]) => [k, text(v)])) }),
    ];

    it('never answers 5xx and a refused call changes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), inputArb, async (route, input) => {
          const before = await counts();
          const res = await routes[route]!(input);
          expect(res.statusCode, `${res.body.slice(0, 300)} for ${String(JSON.stringify(input)).slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
            expect(await counts()).toBe(before);
          }
        }),
        { numRuns: RUNS * 8, seed: 20261204 },
      );
    });
  });
});
