// The monthly evidence report from a month of real records, its rights, and its public copy.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { callersByRole, createTestDb, TEST_PUBLIC_URL, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

describe('the monthly evidence report', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-05-20');
  const api = await callersByRole(services);

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    const gate = await db.prisma.gate.findFirstOrThrow({ where: { title: { contains: '生产' } } }).catch(() => db.prisma.gate.findFirstOrThrow());
    const ev = (title: string, kind: 'GATE_RUN' | 'RELEASE_EVIDENCE' | 'REPORT' | 'ARTIFACT', capturedOn: string, result: 'PASSED' | 'FAILED' | null = null) =>
      db.prisma.evidence.create({ data: { title, url: `https://ci.aionis.example/${encodeURIComponent(title)}`, kind, capturedOn: new Date(capturedOn), result, addedByName: 'Secret Person', note: 'internal only' } });
    for (const [day, result] of [['2026-04-01', 'PASSED'], ['2026-04-02', 'FAILED'], ['2026-04-03', 'PASSED'], ['2026-04-04', 'PASSED']] as const) {
      const run = await ev(`Production gates ${day}`, 'GATE_RUN', day, result);
      await db.prisma.evidenceLink.create({ data: { evidenceId: run.id, targetType: 'gate', targetId: gate.id, byName: 'CI' } });
    }
    await ev('Gate run in March', 'GATE_RUN', '2026-03-31', 'FAILED');
    await ev('Release 1.4.0 evidence', 'RELEASE_EVIDENCE', '2026-04-10');
    await ev('SDK 1.4.0 on npm', 'ARTIFACT', '2026-04-11');
    await ev('April stability report', 'REPORT', '2026-04-30');
    const metric = await db.prisma.metric.findFirstOrThrow({ where: { key: 'contact_submit' } });
    await db.prisma.metric.update({ where: { id: metric.id }, data: { target: 10 } });
    await db.prisma.metricValue.createMany({
      data: [
        { metricId: metric.id, weekStart: new Date('2026-04-06'), value: 8, source: 'MANUAL', byName: 'x' },
        { metricId: metric.id, weekStart: new Date('2026-04-13'), value: 12, source: 'MANUAL', byName: 'x' },
        { metricId: metric.id, weekStart: new Date('2026-05-04'), value: 99, source: 'MANUAL', byName: 'x' },
      ],
    });
    await db.prisma.claim.create({ data: { statement: 'Recall stays under 40 ms', channel: 'WEBSITE', layer: 'OSS', boundary: 'Single tenant only', status: 'PUBLISHED', publishedAt: new Date('2026-04-15T09:00:00Z'), createdByName: 'Secret Person' } });
    await db.prisma.claim.create({ data: { statement: 'Zero-downtime upgrades', channel: 'DOCS', layer: 'CLOUD', boundary: 'b', status: 'RETRACTED', publishedAt: new Date('2026-03-01T00:00:00Z'), retractedAt: new Date('2026-04-20T00:00:00Z'), retractedReason: 'Not yet true for schema changes', createdByName: 'x' } });
    await db.prisma.gateStatusChange.create({ data: { gateId: gate.id, fromStatus: 'PENDING', toStatus: 'FAILED', decision: 'NO_GO', reason: 'internal reasoning', at: new Date('2026-04-25T10:00:00Z'), byName: 'Secret Person' } });
  });

  it('sums up the month: releases, artifacts, reports, gate runs, KPIs, claims and decisions', async () => {
    const { report, markdown, published } = await api.viewer.reports.monthly({ month: '2026-04' });
    expect(published).toBeNull();
    expect(report.releases.map((e) => e.title)).toEqual(['Release 1.4.0 evidence']);
    expect(report.artifacts.map((e) => e.title)).toEqual(['SDK 1.4.0 on npm']);
    expect(report.reports.map((e) => e.title)).toEqual(['April stability report']);
    expect(report.gateRuns).toHaveLength(4);
    expect(report.gateRunStats).toEqual({ total: 4, passed: 3, failed: 1, passRate: 0.75, longestPassStreak: 2, currentPassStreak: 2 });
    expect(report.kpis.find((k) => k.key === 'contact_submit')).toMatchObject({ target: 10, weeks: [{ week: '2026-04-06', value: 8 }, { week: '2026-04-13', value: 12 }], weeksOnTarget: 1, latest: 12 });
    expect(report.claimsPublished).toEqual([expect.objectContaining({ statement: 'Recall stays under 40 ms', boundary: 'Single tenant only' })]);
    expect(report.claimsRetracted).toEqual([expect.objectContaining({ statement: 'Zero-downtime upgrades', reason: 'Not yet true for schema changes' })]);
    expect(report.decisions).toEqual([expect.objectContaining({ decision: 'NO_GO' })]);
    for (const section of ['## Releases', '## Artifacts', '## Stability: gate runs', '## Performance: KPIs', '## Reports', '## Changes: claims', '## Gate decisions']) expect(markdown).toContain(section);
    expect(markdown).toContain('4 runs: 3 passed, 1 failed (pass rate 75 %)');
    expect(markdown).toContain('(https://ci.aionis.example/Release%201.4.0%20evidence)');
    // Written to be published: no people, no notes, no reasons behind decisions.
    for (const secret of ['Secret Person', 'internal only', 'internal reasoning']) expect(JSON.stringify(report) + markdown).not.toContain(secret);
  });

  it('refuses a month that has not started, and publishing one that is not over', async () => {
    await expect(api.viewer.reports.monthly({ month: '2026-06' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.viewer.reports.monthly({ month: '2026-13' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.leadership.reports.publish({ month: '2026-05' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('is published by leadership only, and then served on the public page when that is on', async () => {
    await expect(api.pm.reports.publish({ month: '2026-04' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.leadership.reports.publish({ month: '2026-04' });
    expect(await api.viewer.reports.published()).toEqual([{ month: '2026-04', publishedAt: expect.any(String) }]);
    expect((await api.viewer.reports.monthly({ month: '2026-04' })).published).toMatchObject({ by: expect.any(String) });

    const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
    try {
      expect((await app.inject({ method: 'GET', url: '/public/evidence/reports/2026-04' })).statusCode).toBe(404);
      await api.admin.publicEvidence.setEnabled({ enabled: true });
      const res = await app.inject({ method: 'GET', url: '/public/evidence/reports/2026-04' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/markdown/);
      expect(res.body).toContain('# Monthly evidence report: 2026-04');
      expect((await app.inject({ method: 'GET', url: '/public/evidence/reports/2026-03' })).statusCode).toBe(404);
      const json = (await app.inject({ method: 'GET', url: '/public/evidence.json' })).json();
      expect(json.reports).toEqual([{ month: '2026-04', publishedAt: expect.any(String), path: '/public/evidence/reports/2026-04' }]);
      expect((await app.inject({ method: 'GET', url: '/public/evidence' })).body).toContain('href="/public/evidence/reports/2026-04"');
    } finally {
      await app.close();
    }
  });
});
