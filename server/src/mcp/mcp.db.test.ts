// The MCP server through the SDK's own Client, over Streamable HTTP (/mcp) and over stdio (pnpm mcp,
// which forwards to /mcp), against a real server on a local port.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { appRouter } from '../router.js';
import { seedIfEmpty } from '../modules/seed/seed.service.js';
import { callerFor, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from '../test/test-db.js';
import { LATEST_REVIEW_URI, PLAN_URI } from './mcp.server.js';
import { mcpTools } from './mcp.tools.js';

const text = (result: unknown) => ((result as { content: { text: string }[] }).content[0]!.text);
const json = (result: unknown) => JSON.parse(text(result)) as Record<string, unknown>;

describe('MCP server', async () => {
  const db = await createTestDb();
  await seedIfEmpty(db.prisma);
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const salesUser = await createTestUser(db, 'sales', 'Sam Sales');
  const sales = callerFor(services, salesUser);
  const admin = callerFor(services, await createTestUser(db, 'admin'));
  const readWrite = (await sales.tokens.createPersonal({ name: 'claude', access: 'read-write' })).token;
  const readOnly = (await sales.tokens.createPersonal({ name: 'reader' })).token;
  const ci = (await admin.tokens.create({ name: 'ci', scopes: ['gate-runs:write'] })).token;
  const partner = await sales.partners.create({ company: 'Helix Agents', segment: 'AGENT_PLATFORM', package: 'CLOUD_TEAM', track: 'HOSTED' });

  const clients: Client[] = [];
  afterAll(async () => {
    for (const c of clients) await c.close();
    await app.close();
  });
  const overHttp = async (token: string) => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    clients.push(client);
    return client;
  };

  it('refuses a request without a good token (401)', async () => {
    const res = await fetch(`${url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    await expect(overHttp(`aionis_pt_${'x'.repeat(43)}`)).rejects.toThrow();
  });

  it('lists at most 15 task-shaped tools; a read-only token sees only the read tools, a CI token only its own write', async () => {
    const all = (await (await overHttp(readWrite)).listTools()).tools.map((t) => t.name);
    expect(all.sort()).toEqual(mcpTools.map((t) => t.name).sort());
    expect(all.length).toBeLessThanOrEqual(15);
    const reads = (await (await overHttp(readOnly)).listTools()).tools.map((t) => t.name);
    expect(reads.sort()).toEqual(mcpTools.filter((t) => !t.write).map((t) => t.name).sort());
    expect((await (await overHttp(ci)).listTools()).tools.map((t) => t.name)).toEqual(['record_gate_run']);
  });

  it('answers "can phase B exit?" and explains each gate criterion', async () => {
    const client = await overHttp(readOnly);
    const scorecard = json(await client.callTool({ name: 'phase_scorecard', arguments: { key: 'B' } }));
    expect(scorecard).toHaveProperty('gates');
    const gate = json(await client.callTool({ name: 'gate_detail', arguments: { key: 'B.production-gates' } }));
    expect(gate).toMatchObject({ key: 'B.production-gates', criteria: [{ key: 'gate-run-streak', met: false, detail: expect.any(String) }] });
    expect(json(await client.callTool({ name: 'where_do_we_stand', arguments: {} }))).toBeTypeOf('object');
    const found = json(await client.callTool({ name: 'search', arguments: { q: 'helix' } }));
    expect((found.partners as { id: string }[]).map((p) => p.id)).toEqual([partner.id]);
  });

  it('logs a partner call and moves its stage as the token’s user, audited "via token"', async () => {
    const client = await overHttp(readWrite);
    const logged = await client.callTool({ name: 'log_partner_activity', arguments: { partnerId: partner.id, kind: 'CALL', occurredOn: '2026-03-09', text: 'Discovery call: they want SSO.' } });
    expect(logged.isError).toBeFalsy();
    const activity = await db.prisma.partnerActivity.findFirstOrThrow({ where: { partnerId: partner.id } });
    expect(activity).toMatchObject({ authorId: salesUser.id, authorName: 'Sam Sales via token claude', kind: 'CALL' });
    const detail = json(await client.callTool({ name: 'partner_detail', arguments: { id: partner.id } }));
    const moved = await client.callTool({ name: 'move_partner_stage', arguments: { id: partner.id, version: detail.version, to: 'QUALIFIED' } });
    expect(moved.isError).toBeFalsy();
    expect((await db.prisma.partner.findUniqueOrThrow({ where: { id: partner.id } })).stage).toBe('QUALIFIED');
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: partner.id }, orderBy: { at: 'desc' } });
    expect(event).toMatchObject({ actorId: salesUser.id, actorName: 'Sam Sales via token claude' });
  });

  it('refusals say why: role, stale version, invalid fields, read-only; nothing is written', async () => {
    const client = await overHttp(readWrite);
    const before = await db.prisma.auditEvent.count();
    const stale = await client.callTool({ name: 'move_partner_stage', arguments: { id: partner.id, version: 1, to: 'POC' } });
    expect(stale.isError).toBe(true);
    expect(text(stale)).toMatch(/^CONFLICT: .*changed by Sam Sales via token claude/);
    const invalid = await client.callTool({ name: 'log_partner_activity', arguments: { partnerId: partner.id, kind: 'CALL', occurredOn: 'yesterday', text: '' } });
    expect(invalid.isError).toBe(true);
    expect(text(invalid)).toMatch(/occurredOn/);
    expect(text(invalid)).toMatch(/text/);
    // Sales may record gate runs (they record evidence); a token narrowed to viewer may not write at all.
    const runAsSales = await client.callTool({ name: 'record_gate_run', arguments: { key: 'B.production-gates', result: 'passed', url: 'https://ci.example/1', ranAt: '2026-03-09T10:00:00Z', runId: 'mcp-1' } });
    expect(runAsSales.isError).toBeFalsy();
    const viewerToken = (await sales.tokens.createPersonal({ name: 'viewer rw', access: 'read-write', role: 'viewer' })).token;
    const asViewer = await (await overHttp(viewerToken)).callTool({ name: 'log_partner_activity', arguments: { partnerId: partner.id, kind: 'NOTE', occurredOn: '2026-03-09', text: 'x' } });
    expect(asViewer.isError).toBe(true);
    expect(text(asViewer)).toMatch(/^FORBIDDEN: This needs one of the roles/);
    const readOnlyCall = await (await overHttp(readOnly)).callTool({ name: 'log_partner_activity', arguments: { partnerId: partner.id, kind: 'NOTE', occurredOn: '2026-03-09', text: 'x' } });
    expect(readOnlyCall.isError).toBe(true);
    expect(await db.prisma.partnerActivity.count({ where: { text: 'x' } })).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBeGreaterThan(before); // only the gate run wrote
  });

  it('serves the plan and the latest closed review as Markdown', async () => {
    const client = await overHttp(readOnly);
    const listed = (await client.listResources()).resources.map((r) => r.uri);
    expect(listed.sort()).toEqual([LATEST_REVIEW_URI, PLAN_URI].sort());
    const plan = await client.readResource({ uri: PLAN_URI });
    expect((plan.contents[0] as { text: string }).text).toMatch(/^# .*\n[\s\S]*## Phase B — [\s\S]*Production gates pass consistently/);
    const review = await client.readResource({ uri: LATEST_REVIEW_URI });
    expect((review.contents[0] as { text: string }).text).toBe('No weekly review has been closed yet.\n');
  });

  it('over stdio (pnpm mcp): the same tools, forwarded to /mcp with the token', async () => {
    const script = fileURLToPath(new URL('../scripts/mcp-stdio.ts', import.meta.url));
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', script], env: { PATH: process.env.PATH!, AIONIS_URL: url, AIONIS_TOKEN: readOnly }, stderr: 'pipe' }),
    );
    clients.push(client);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(mcpTools.filter((t) => !t.write).map((t) => t.name).sort());
    expect(json(await client.callTool({ name: 'gate_detail', arguments: { key: 'B.production-gates' } }))).toMatchObject({ key: 'B.production-gates' });
  }, 60_000);

  it('drift: a tool that mirrors a procedure takes exactly that procedure’s input schema', async () => {
    const listed = new Map((await (await overHttp(readWrite)).listTools()).tools.map((t) => [t.name, t.inputSchema]));
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[] } }>;
    const strip = (schema: object) => JSON.parse(JSON.stringify(schema, (k, v) => (k === '$schema' ? undefined : v)));
    for (const tool of mcpTools.filter((t) => t.mirrors)) {
      const procedureInput = procedures[tool.mirrors!]!._def.inputs[0]!;
      expect(strip(listed.get(tool.name)!), tool.name).toEqual(strip(z.toJSONSchema(procedureInput, { io: 'input' })));
    }
  });
});
