import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import type { Tx } from '../../db/database.js';
import { toIsoDate } from '../../lib/dates.js';
import { callerFor, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from '../../test/test-db.js';
import { reevaluateCriteria } from '../criteria/criteria.service.js';
import { createServiceToken, revokeToken } from '../tokens/tokens.service.js';

// The criteria engine has its own tests; here it only matters that a value write asks for a
// re-evaluation inside its own transaction, so the engine sees the new values before they commit.
const seenByCriteria: number[] = [];
vi.mock('../criteria/criteria.service.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../criteria/criteria.service.js')>()),
  reevaluateCriteria: vi.fn(async (tx: Tx) => {
    seenByCriteria.push(await tx.metricValue.count());
  }),
}));

const TODAY = '2026-03-11'; // a Wednesday: the current week starts 2026-03-09

describe('metrics', async () => {
  const db = await createTestDb();
  const services = await testServices(db, TODAY);
  const pmUser = await createTestUser(db, 'pm', 'Pat PM');
  const adminUser = await createTestUser(db, 'admin', 'Ada Admin');
  const api = {
    pm: callerFor(services, pmUser),
    admin: callerFor(services, adminUser),
    viewer: callerFor(services, await createTestUser(db, 'viewer')),
    sales: callerFor(services, await createTestUser(db, 'sales')),
  };
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  afterAll(() => app.close());
  beforeEach(() => {
    vi.mocked(reevaluateCriteria).mockClear();
    seenByCriteria.length = 0;
  });

  const signups = await api.pm.metrics.define({ key: 'contact_submit', name: 'Contact form submitted', unit: 'events', target: 20 });
  const starts = await api.pm.metrics.define({ key: 'quickstart_complete', name: 'Quickstart completed', direction: 'UP' });
  const stored = async (metricId: string) =>
    (await db.prisma.metricValue.findMany({ where: { metricId }, orderBy: { weekStart: 'asc' } })).map((v) => [toIsoDate(v.weekStart), v.value, v.source]);
  const auditCount = (action: string) => db.prisma.auditEvent.count({ where: { action } });

  describe('definitions', () => {
    it('defines metrics in order and refuses a key that exists', async () => {
      const { metrics } = await api.viewer.metrics.list({ weeks: 4 });
      expect(metrics.map((m) => [m.key, m.position, m.unit, m.direction, m.target])).toEqual([
        ['contact_submit', 0, 'events', 'UP', 20],
        ['quickstart_complete', 1, '', 'UP', null],
      ]);
      await expect(api.admin.metrics.define({ key: 'contact_submit', name: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(api.admin.metrics.define({ key: 'Not A Key', name: 'Bad' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(api.sales.metrics.define({ key: 'sales_metric', name: 'No' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await db.prisma.auditEvent.findMany({ where: { entityId: signups.id }, select: { action: true, actorName: true } })).toEqual([
        { action: 'metric.create', actorName: 'Pat PM' },
      ]);
    });

    it('edits with the version the editor saw; a stale version is a CONFLICT', async () => {
      const { version } = await api.pm.metrics.update({ id: starts.id, version: starts.version, target: 50, direction: 'UP' });
      expect(version).toBe(2);
      await expect(api.pm.metrics.update({ id: starts.id, version: 1, target: 60 })).rejects.toMatchObject({ code: 'CONFLICT' });
      const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: starts.id, action: 'metric.update' } });
      expect(event.changes).toEqual({ target: { from: null, to: 50 } });
    });

    it('archives a metric: hidden from the list, refuses values, restorable', async () => {
      const extra = await api.pm.metrics.define({ key: 'old_metric', name: 'Old metric' });
      await api.pm.metrics.archive({ id: extra.id });
      expect((await api.pm.metrics.list({})).metrics.map((m) => m.key)).not.toContain('old_metric');
      expect((await api.pm.metrics.list({ includeArchived: true })).metrics.find((m) => m.key === 'old_metric')?.archivedAt).not.toBeNull();
      await expect(api.pm.metrics.setValues({ values: [{ metricId: extra.id, week: '2026-03-02', value: 1 }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await api.pm.metrics.restore({ id: extra.id });
      await api.pm.metrics.setValues({ values: [{ metricId: extra.id, week: '2026-03-02', value: 1 }] });
      await api.pm.metrics.archive({ id: extra.id });
      expect(await auditCount('metric.archive')).toBe(2);
    });
  });

  describe('the grid', () => {
    it('writes many cells in one go, normalising weeks, with one audit event per metric and a criteria re-evaluation', async () => {
      const result = await api.pm.metrics.setValues({
        values: [
          { metricId: signups.id, week: '2026-02-23', value: 12 },
          { metricId: signups.id, week: '2026-03-04', value: 18 }, // a Wednesday: stored as Monday 2026-03-02
          { metricId: starts.id, week: '2026-03-09', value: 40 },
        ],
      });
      expect(result).toEqual({ written: 3, deleted: 0, unchanged: 0, weeks: ['2026-02-23', '2026-03-02', '2026-03-09'] });
      expect(await stored(signups.id)).toEqual([['2026-02-23', 12, 'MANUAL'], ['2026-03-02', 18, 'MANUAL']]);
      const events = await db.prisma.auditEvent.findMany({ where: { action: 'metric.values', entityId: { in: [signups.id, starts.id] } }, orderBy: { entityId: 'asc' }, select: { entityId: true, changes: true } });
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.entityId === signups.id)?.changes).toEqual({
        source: 'MANUAL',
        '2026-02-23': { from: null, to: 12 },
        '2026-03-02': { from: null, to: 18 },
      });
      expect(reevaluateCriteria).toHaveBeenCalledTimes(1);
      expect(vi.mocked(reevaluateCriteria).mock.calls[0]!.slice(1)).toEqual([expect.objectContaining({ userId: pmUser.id }), TODAY]);
      expect(seenByCriteria).toEqual([await db.prisma.metricValue.count()]);
    });

    it('lists the weeks with their values, the latest value, the change and the target', async () => {
      const { weeks, metrics } = await api.viewer.metrics.list({ weeks: 3 });
      expect(weeks).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
      const m = metrics.find((x) => x.key === 'contact_submit')!;
      expect(m.values.map((v) => [v.week, v.value, v.byName])).toEqual([['2026-02-23', 12, 'Pat PM'], ['2026-03-02', 18, 'Pat PM']]);
      expect(m.trend).toMatchObject({ latest: { week: '2026-03-02', value: 18 }, previous: { week: '2026-02-23', value: 12 }, change: 6, target: { gap: -2, met: false } });
      expect((await api.viewer.metrics.list({ weeks: 1 })).metrics.find((x) => x.key === 'contact_submit')!.values).toEqual([]);
    });

    it('null deletes a value; an unchanged cell writes and audits nothing', async () => {
      const audits = await auditCount('metric.values');
      const result = await api.pm.metrics.setValues({
        values: [
          { metricId: signups.id, week: '2026-02-23', value: 12 },
          { metricId: signups.id, week: '2026-03-02', value: null },
          { metricId: starts.id, week: '2026-02-16', value: null },
        ],
      });
      expect(result).toMatchObject({ written: 0, deleted: 1, unchanged: 2 });
      expect(await stored(signups.id)).toEqual([['2026-02-23', 12, 'MANUAL']]);
      expect(await auditCount('metric.values')).toBe(audits + 1);
      vi.mocked(reevaluateCriteria).mockClear();
      expect(await api.pm.metrics.setValues({ values: [{ metricId: signups.id, week: '2026-02-23', value: 12 }] })).toMatchObject({ written: 0, unchanged: 1 });
      expect(reevaluateCriteria).not.toHaveBeenCalled();
      expect(await auditCount('metric.values')).toBe(audits + 1);
    });

    it('refuses the whole batch when one cell is wrong: future week, duplicate week, unknown metric', async () => {
      const before = await db.prisma.metricValue.count();
      const attempt = api.pm.metrics.setValues({
        values: [
          { metricId: signups.id, week: '2026-03-09', value: 1 },
          { metricId: signups.id, week: '2026-03-16', value: 2 },
          { metricId: starts.id, week: '2026-03-02', value: 3 },
          { metricId: starts.id, week: '2026-03-03', value: 4 },
          { metricId: '0190d2b4-0000-7000-8000-000000000000', week: '2026-03-02', value: 5 },
        ],
      });
      await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const error = (await attempt.catch((e: unknown) => e)) as { cause: { fieldIssues: { path: string }[] } };
      expect(error.cause.fieldIssues.map((i) => i.path)).toEqual(['values.1.week', 'values.3.week', 'values.4.metricId']);
      expect(await db.prisma.metricValue.count()).toBe(before);
      await expect(api.viewer.metrics.setValues({ values: [{ metricId: signups.id, week: '2026-03-02', value: 1 }] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('CSV import', () => {
    it('imports every row or none, with the problems of each row', async () => {
      const before = await db.prisma.metricValue.count();
      const bad = 'metric,week,value\ncontact_submit,2026-03-02,5\nunknown_metric,2026-03-02,1\nquickstart_complete,2026-03-02,lots\n';
      const attempt = api.pm.metrics.importCsv({ csv: bad });
      await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const error = (await attempt.catch((e: unknown) => e)) as { cause: { fieldIssues: { path: string; message: string }[] } };
      expect(error.cause.fieldIssues).toEqual([
        { path: 'rows.2.metric', message: 'Unknown metric "unknown_metric"' },
        { path: 'rows.3.value', message: 'Not a number: "lots"' },
      ]);
      expect(await db.prisma.metricValue.count()).toBe(before);
      await expect(api.pm.metrics.importCsv({ csv: 'metric,value\nx,1\n' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('writes a good file with source CSV; importing it again changes nothing', async () => {
      const csv = '\uFEFFMetric,Week,Value\ncontact_submit,2026-03-02,"1,005"\ncontact_submit,2026-03-12,21\nquickstart_complete,2026-03-02,33\n';
      expect(await api.admin.metrics.importCsv({ csv })).toEqual({ rows: 3, written: 3, deleted: 0, unchanged: 0, weeks: ['2026-03-02', '2026-03-09'] });
      expect(await stored(signups.id)).toEqual([['2026-02-23', 12, 'MANUAL'], ['2026-03-02', 1005, 'CSV'], ['2026-03-09', 21, 'CSV']]);
      expect(await api.admin.metrics.importCsv({ csv })).toMatchObject({ written: 0, unchanged: 3 });
    });
  });

  describe('POST /api/metrics/values', async () => {
    const admin = { userId: adminUser.id, name: adminUser.name, role: 'admin' as const, requestId: 'test' };
    const { token, id: tokenId } = await createServiceToken(db.prisma, admin, { name: 'tracking pipeline', role: 'pm', scopes: ['metrics:write'], expiresOn: null });
    const push = (payload: unknown, authorization: string | null = `Bearer ${token}`) =>
      app.inject({ method: 'POST', url: '/api/metrics/values', payload: payload as object, headers: authorization ? { authorization } : {} });

    it('without a token, or with an unknown one, is 401 with a Bearer challenge', async () => {
      const none = await push({ values: [] }, null);
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      const unknown = await push({ values: [] }, `Bearer aionis_mt_${'A'.repeat(43)}`);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      expect((await push({ values: [] }, 'Basic dXNlcjpwYXNz')).statusCode).toBe(401);
      expect((await push({ values: [] }, `Bearer ${token.slice(0, -1)}`)).statusCode).toBe(401);
    });

    it('a negative value for a metric counted in events is 400 on that value, on every way in; nothing written', async () => {
      const before = await stored(signups.id);
      const res = await push({ values: [{ metric: 'contact_submit', week: '2026-03-02', value: -5 }] });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues).toEqual([{ path: 'values.0.value', message: expect.stringMatching(/at least 0/) }]);
      await expect(api.pm.metrics.setValues({ values: [{ metricId: signups.id, week: '2026-03-02', value: -5 }] })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        cause: { fieldIssues: [{ path: expect.stringMatching(/^values\.0\.value$/) }] },
      });
      await expect(api.pm.metrics.importCsv({ csv: 'metric,week,value\ncontact_submit,2026-03-02,-5' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        cause: { fieldIssues: [{ path: 'rows.1.value' }] },
      });
      expect(await stored(signups.id)).toEqual(before);
      // A metric without a unit has no minimum.
      expect((await push({ values: [{ metric: 'quickstart_complete', week: '2026-02-23', value: -5 }] })).statusCode).toBe(200);
    });

    it('upserts by metric and week, says which dates moved to their Monday, and marks the token used', async () => {
      const audits = await auditCount('metric.values');
      const res = await push({
        values: [
          { metric: 'quickstart_complete', week: '2026-03-10', value: 44 },
          { metric: 'quickstart_complete', week: '2026-03-02', value: 33 },
          { metric: 'contact_submit', week: '2026-02-16', value: 9.5 },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        written: 2,
        unchanged: 1,
        weeks: ['2026-02-16', '2026-03-02', '2026-03-09'],
        adjusted: [{ index: 0, week: '2026-03-10', weekStart: '2026-03-09' }],
        note: expect.stringMatching(/Monday/),
      });
      expect((await stored(starts.id)).at(-1)).toEqual(['2026-03-09', 44, 'API']);
      const events = await db.prisma.auditEvent.findMany({ where: { action: 'metric.values' }, orderBy: { at: 'desc' }, take: 2 });
      expect(await auditCount('metric.values')).toBe(audits + 2);
      expect(events.map((e) => e.actorId)).toEqual([`token:${tokenId}`, `token:${tokenId}`]);
      expect(events[0]!.actorName).toBe('service token tracking pipeline');
      expect(events[0]!.requestId).toBe(res.headers['x-request-id']);
      expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).not.toBeNull();
    });

    it('a repeated push is idempotent: all unchanged, no writes, no audit events', async () => {
      const payload = { values: [{ metric: 'quickstart_complete', week: '2026-03-09', value: 44 }, { metric: 'contact_submit', week: '2026-02-16', value: 9.5 }] };
      await push(payload);
      const audits = await db.prisma.auditEvent.count();
      const before = await db.prisma.metricValue.findMany({ orderBy: { id: 'asc' } });
      vi.mocked(reevaluateCriteria).mockClear();
      for (let i = 0; i < 2; i++) {
        const res = await push(payload);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ written: 0, unchanged: 2, adjusted: [] });
      }
      expect(await db.prisma.metricValue.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
      expect(await db.prisma.auditEvent.count()).toBe(audits);
      expect(reevaluateCriteria).not.toHaveBeenCalled();
    });

    it('a bad payload is 400 with every issue and its path; nothing is written', async () => {
      const before = await db.prisma.metricValue.findMany({ orderBy: { id: 'asc' } });
      const shape = await push({ values: [{ metric: 'contact_submit', week: 'yesterday', value: 'ten' }, { metric: 'contact_submit', week: '2026-03-09', value: 1 }] });
      expect(shape.statusCode).toBe(400);
      expect(shape.json().error).toMatch(/not valid/);
      expect(shape.json().issues.map((i: { path: string }) => i.path)).toEqual(['values.0.week', 'values.0.value']);
      const unknown = await push({ values: [{ metric: 'contact_submit', week: '2026-03-09', value: 1 }, { metric: 'no_such_metric', week: '2026-03-09', value: 1 }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().issues).toEqual([{ path: 'values.1.metric', message: 'Unknown metric "no_such_metric"' }]);
      const duplicate = await push({ values: [{ metric: 'contact_submit', week: '2026-03-09', value: 1 }, { metric: 'contact_submit', week: '2026-03-11', value: 2 }] });
      expect(duplicate.json().issues).toEqual([{ path: 'values.1.week', message: 'Same metric and week (2026-03-09) as values.0' }]);
      const tooMany = await push({ values: Array.from({ length: 1001 }, () => ({ metric: 'contact_submit', week: '2026-03-09', value: 1 })) });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error).toMatch(/at most 1000/);
      const empty = await push({ values: [] });
      expect(empty.statusCode).toBe(400);
      const notJson = await app.inject({ method: 'POST', url: '/api/metrics/values', payload: '{"values": [', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json()).toMatchObject({ error: expect.any(String), issues: [expect.objectContaining({ message: expect.any(String) })] });
      expect(await db.prisma.metricValue.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    });

    it('the token opens nothing else: /trpc with it is still 401', async () => {
      const read = await app.inject({ method: 'GET', url: '/trpc/metrics.list', headers: { authorization: `Bearer ${token}` } });
      expect(read.statusCode).toBe(401);
      const write = await app.inject({
        method: 'POST',
        url: '/trpc/metrics.setValues',
        payload: { values: [{ metricId: signups.id, week: '2026-03-09', value: 999 }] },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(write.statusCode).toBe(401);
      const tokens = await app.inject({ method: 'GET', url: '/trpc/tokens.list', headers: { authorization: `Bearer ${token}` } });
      expect(tokens.statusCode).toBe(401);
    });

    it('a revoked token is 401 from the next request on, and writes nothing', async () => {
      await revokeToken(db.prisma, admin, tokenId);
      const before = await db.prisma.metricValue.count();
      const res = await push({ values: [{ metric: 'contact_submit', week: '2026-03-09', value: 77 }] });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(await db.prisma.metricValue.count()).toBe(before);
    });
  });
});
