import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { createTestDb, TEST_PUBLIC_URL, testServices } from './test/test-db.js';

describe('HTTP server', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  let cookie = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    await services.auth.api.createUser({ body: { name: 'Pat', email: 'pat@example.test', password: 'pat-has-a-long-password', role: 'pm' as 'admin' } });
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'pat@example.test', password: 'pat-has-a-long-password' } });
    cookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;
  });
  afterAll(() => app.close());

  it('reports database reachability on /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { kind: db.kind, reachable: true } });
  });

  it('serves tRPC under /trpc and echoes a request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/trpc/plans.current', headers: { 'x-request-id': 'abc-123', cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.json().result.data.name).toMatch(/Aionis/);
  });

  it('answers bad input with 400 and the paths of the bad fields', async () => {
    const plan = (await app.inject({ method: 'GET', url: '/trpc/plans.current', headers: { cookie } })).json().result.data;
    const item = plan.phases[0].deliverables[0];
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/deliverables.update',
      payload: { id: item.id, version: item.version, title: '', dueDate: 'tomorrow' },
      headers: { cookie },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.fieldIssues.map((i: { path: string }) => i.path).sort()).toEqual(['dueDate', 'title']);
    expect(body.error.data).not.toHaveProperty('stack');
  });

  it('maps domain errors: a stale version is 409 CONFLICT', async () => {
    const plan = (await app.inject({ method: 'GET', url: '/trpc/plans.current', headers: { cookie } })).json().result.data;
    const gate = plan.phases[1].gates[0];
    const send = () =>
      app.inject({ method: 'POST', url: '/trpc/gates.update', payload: { id: gate.id, version: gate.version, ownerName: 'Docs team' }, headers: { cookie } });
    expect((await send()).statusCode).toBe(200);
    const stale = await send();
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.data).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'CONFLICT',
      conflict: { changedBy: 'Pat', changedAt: expect.any(String), current: { ownerName: 'Docs team', version: gate.version + 1 }, currentVersion: gate.version + 1 },
    });
    expect(stale.json().error.message).toMatch(/^This gate was changed by Pat at .+ UTC meanwhile/);
  });
});
