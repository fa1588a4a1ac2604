import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { callerFor, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from './test/test-db.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';

describe('REST API under /api/v1', async () => {
  const db = await createTestDb();
  await seedIfEmpty(db.prisma);
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL, tokenRateLimit: 1000 });
  afterAll(() => app.close());
  const adminUser = await createTestUser(db, 'admin', 'Ada Admin');
  const admin = callerFor(services, adminUser);
  const pmUser = await createTestUser(db, 'pm', 'Pat Pm');
  const pat = (await callerFor(services, pmUser).tokens.createPersonal({ name: 'laptop', access: 'read-write' })).token;
  const readOnly = (await callerFor(services, pmUser).tokens.createPersonal({ name: 'reader' })).token;
  const ci = (await admin.tokens.create({ name: 'ci', scopes: ['gate-runs:write', 'evidence:write', 'read'] })).token;
  const call = (method: 'GET' | 'POST', url: string, token: string | null, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  const document = (await call('GET', '/api/v1/openapi.json', null)).json();

  it('serves an OpenAPI 3.1 document that a standard validator accepts', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    expect(Object.keys(document.paths).sort()).toEqual(['/evidence', '/gate-runs', '/gates/{key}', '/me']);
  });

  it('needs a token: 401 with a Bearer challenge, and a session cookie is no substitute', async () => {
    const none = await call('GET', '/api/v1/me', null);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="aionis"');
    const bad = await call('GET', '/api/v1/me', `aionis_pt_${'x'.repeat(43)}`);
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  describe('contract: every documented operation answers as its schema declares', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const examples: Record<string, { token: string; payload?: object; url?: string }> = {
      'GET /me': { token: pat },
      'GET /gates/{key}': { token: ci, url: '/gates/B.production-gates' },
      'GET /evidence': { token: readOnly, url: '/evidence?limit=2' },
      'POST /gate-runs': {
        token: ci,
        payload: { key: 'B.production-gates', result: 'passed', url: 'https://ci.example/runs/1', ranAt: '2026-03-09T10:00:00Z', runId: 'contract-1', commit: 'abcdef1', branch: 'main' },
      },
      'POST /evidence': { token: ci, payload: { key: 'B.production-gates', kind: 'ARTIFACT', title: 'SDK 1.4.0', url: 'https://registry.example/sdk/1.4.0' } },
    };
    const operations = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>).flatMap(
      ([path, ops]) => Object.entries(ops).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, method: method.toUpperCase() as 'GET' | 'POST', path, op })),
    );

    it('has an example for each operation', () => {
      expect(operations.map((o) => o.id).sort()).toEqual(Object.keys(examples).sort());
    });

    for (const id of Object.keys(examples)) {
      it(id, async () => {
        const { method, path, op } = operations.find((o) => o.id === id)!;
        const example = examples[id]!;
        const res = await call(method, `/api/v1${example.url ?? path}`, example.token, example.payload);
        expect(res.statusCode, res.body).toBe(200);
        const validate = ajv.compile(op.responses['200']!.content!['application/json']!.schema);
        expect(validate(res.json()), JSON.stringify(validate.errors)).toBe(true);
      });
    }
  });

  it('errors keep their shape: code, message, field paths; a token outside its scopes is 403 and writes nothing', async () => {
    const before = await db.prisma.evidence.count();
    const invalid = await call('POST', '/api/v1/gate-runs', ci, { key: 'B.nope', result: 'passed', url: 'https://x.example', ranAt: '2026-03-09T10:00:00Z', runId: 'r' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String), data: { fieldIssues: [{ path: 'key' }] } });
    const malformed = await call('POST', '/api/v1/gate-runs', ci, { key: 42, result: 'green', ranAt: 'soon' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().data.fieldIssues.map((i: { path: string }) => i.path).sort()).toEqual(['key', 'ranAt', 'result', 'runId', 'url']);
    const unreadable = await app.inject({ method: 'POST', url: '/api/v1/gate-runs', payload: '{"key":', headers: { authorization: `Bearer ${ci}`, 'content-type': 'application/json' } });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json()).toMatchObject({ code: 'BAD_REQUEST', data: { fieldIssues: [{ path: '' }] } });
    const readOnlyWrite = await call('POST', '/api/v1/evidence', readOnly, { key: 'B.production-gates', kind: 'REPORT', title: 't', url: 'https://x.example' });
    expect(readOnlyWrite.statusCode).toBe(403);
    expect(readOnlyWrite.json()).toMatchObject({ code: 'FORBIDDEN', message: 'This token is read-only' });
    expect(await db.prisma.evidence.count()).toBe(before);
  });

  it('audits a personal token’s write as its person via the token', async () => {
    const res = await call('POST', '/api/v1/evidence', pat, { key: 'B.production-gates', kind: 'REPORT', title: 'Weekly QA report', url: 'https://qa.example/w10' });
    expect(res.statusCode).toBe(200);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: res.json().evidenceId, action: 'evidence.create' } });
    expect(event).toMatchObject({ actorId: pmUser.id, actorName: 'Pat Pm via token laptop' });
  });

  it('reads carry an ETag; sending it back answers 304 until the data changes', async () => {
    const first = await call('GET', '/api/v1/gates/B.production-gates', ci);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await call('GET', '/api/v1/gates/B.production-gates', ci, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await call('POST', '/api/v1/gate-runs', ci, { key: 'B.production-gates', result: 'failed', url: 'https://ci.example/runs/2', ranAt: '2026-03-10T10:00:00Z', runId: 'etag-2' });
    expect((await call('GET', '/api/v1/gates/B.production-gates', ci, undefined, { 'if-none-match': etag })).statusCode).toBe(200);
  });

  it('pages long lists by cursor', async () => {
    const first = (await call('GET', '/api/v1/evidence?limit=1', ci)).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await call('GET', `/api/v1/evidence?limit=1&cursor=${first.nextCursor}`, ci)).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it('limits each token’s requests per minute (429 with Retry-After), not other tokens', async () => {
    const limited = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL, tokenRateLimit: 2 });
    try {
      const hit = (token: string) => limited.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      expect((await hit(pat)).statusCode).toBe(200);
      expect((await hit(pat)).statusCode).toBe(200);
      const over = await hit(pat);
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect((await hit(readOnly)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('the API reference page', async () => {
  const db = await createTestDb();
  const app = await buildApp(await testServices(db), { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  afterAll(() => app.close());

  it('is served by the console itself, with Scalar’s bundle from node_modules and no inline script', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/v1/reference' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])).toEqual(['/api/v1/reference/assets/standalone.js', '/api/v1/reference/init.js']);
    expect(scripts.every((m) => m[2]!.trim() === '')).toBe(true);
    expect(page.body).not.toMatch(/https?:\/\//);
    const bundle = await app.inject({ method: 'GET', url: '/api/v1/reference/assets/standalone.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(1_000_000);
    const init = await app.inject({ method: 'GET', url: '/api/v1/reference/init.js' });
    expect(init.body).toContain("url: '/api/v1/openapi.json'");
    expect((await app.inject({ method: 'GET', url: '/api/v1/reference/assets/standalone.js.map' })).statusCode).toBe(404);
  });
});
