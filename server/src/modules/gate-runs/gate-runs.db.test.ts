import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, callerForToken, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { authenticateToken } from '../tokens/tokens.service.js';

describe('gate runs reported by CI', async () => {
  const db = await createTestDb();
  await seedIfEmpty(db.prisma);
  const services = await testServices(db);
  const adminUser = await createTestUser(db, 'admin', 'Ada Admin');
  const admin = callerFor(services, adminUser);
  const tokenCaller = async (scopes: ('gate-runs:write' | 'evidence:write' | 'read' | 'metrics:write')[]) => {
    const { token } = await admin.tokens.create({ name: `ci ${scopes.join(' ')}`, scopes });
    return callerForToken(services, (await authenticateToken(db.prisma, token))!);
  };
  const gate = () =>
    db.prisma.gate.findFirstOrThrow({
      where: { key: 'production-gates', phase: { key: 'B' } },
      select: { id: true, criteria: { select: { id: true, key: true, met: true, kind: true, detail: true } } },
    });
  const run = (n: number, result: 'passed' | 'failed' = 'passed', key = 'B.production-gates') => ({
    key,
    result,
    url: `https://ci.example/aionis/actions/runs/${n}`,
    commit: 'a1b2c3d4e5f6',
    branch: 'main',
    ranAt: `2026-03-0${Math.min(9, n)}T12:00:00Z`,
    runId: `run-${n}`,
    summary: `Run ${n}`,
  });

  let ci: Awaited<ReturnType<typeof tokenCaller>>;
  beforeAll(async () => {
    ci = await tokenCaller(['gate-runs:write']);
  });

  it('the seed gives the launch plan’s gates and criteria stable keys', async () => {
    const keys = await db.prisma.gate.findMany({ where: { phase: { plan: { isCurrent: true } } }, select: { key: true, phase: { select: { key: true } } } });
    expect(keys.map((g) => `${g.phase.key}.${g.key}`).sort()).toEqual(
      ['A.cta-events', 'A.docs-links', 'A.key-pages', 'B.hosted-funnel', 'B.paid-trial', 'B.production-gates', 'C.mainline-stability', 'C.platform-milestones'].sort(),
    );
    expect((await gate()).criteria.map((c) => c.key)).toEqual(['gate-run-streak']);
  });

  it('turns "production gates pass consistently" green by itself after five passing runs, in the same write', async () => {
    expect((await gate()).criteria[0]!.met).toBe(false);
    for (let n = 1; n <= 4; n++) {
      const answer = await ci.gateRuns.record(run(n));
      expect(answer).toMatchObject({ created: true, gate: { key: 'B.production-gates' }, criteria: [{ key: 'gate-run-streak', met: false }] });
    }
    const fifth = await ci.gateRuns.record(run(5));
    expect(fifth.criteria).toEqual([expect.objectContaining({ key: 'gate-run-streak', met: true })]);
    const flip = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'criterion.flip', entityId: fifth.criteria[0]!.id }, orderBy: { at: 'desc' } });
    expect(flip.actorName).toBe('service token ci gate-runs:write');
    const evidence = await db.prisma.evidence.findUniqueOrThrow({ where: { id: fifth.evidenceId } });
    expect(evidence).toMatchObject({ kind: 'GATE_RUN', result: 'PASSED', runId: 'run-5', commit: 'a1b2c3d4e5f6', branch: 'main', note: 'Run 5', url: run(5).url });
    expect(evidence.capturedOn.toISOString().slice(0, 10)).toBe('2026-03-05');
  });

  it('is idempotent by runId: the same run again writes nothing and answers the same evidence', async () => {
    const [evidence, audits] = [await db.prisma.evidence.count(), await db.prisma.auditEvent.count()];
    const again = await ci.gateRuns.record({ ...run(5), result: 'failed' });
    expect(again).toMatchObject({ created: false, criteria: [{ met: true }] });
    expect([await db.prisma.evidence.count(), await db.prisma.auditEvent.count()]).toEqual([evidence, audits]);
    const elsewhere = await ci.gateRuns.record({ ...run(5), key: 'A.docs-links' }).catch((e: unknown) => e);
    expect(elsewhere).toMatchObject({ code: 'CONFLICT', cause: { fieldIssues: [{ path: 'runId' }] } });
  });

  it('a failing run turns it red again; a criterion key counts for its gate', async () => {
    const failed = await ci.gateRuns.record(run(6, 'failed', 'B.production-gates.gate-run-streak'));
    expect(failed).toMatchObject({ created: true, gate: { key: 'B.production-gates' }, criteria: [{ met: false }] });
    const links = await db.prisma.evidenceLink.findMany({ where: { evidenceId: failed.evidenceId } });
    expect(links.map((l) => [l.targetType, l.targetId])).toEqual([['gate', (await gate()).id]]);
  });

  it('names the field for an unknown key or bad input, and writes nothing', async () => {
    const count = await db.prisma.evidence.count();
    for (const key of ['B.no-such-gate', 'Z.production-gates', 'B.production-gates.nope']) {
      const error = await ci.gateRuns.record(run(7, 'passed', key)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BAD_REQUEST', cause: { fieldIssues: [{ path: 'key' }] } });
    }
    const bad = await ci.gateRuns.record({ ...run(7), result: 'green' as 'passed', url: 'ftp://x', ranAt: 'yesterday', extra: 1 } as never).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await db.prisma.evidence.count()).toBe(count);
  });

  it('needs the gate-runs:write scope: an evidence or read-only token is refused and nothing is written', async () => {
    const count = await db.prisma.evidence.count();
    for (const scopes of [['evidence:write'], ['read'], ['metrics:write']] as const) {
      const other = await tokenCaller([...scopes]);
      await expect(other.gateRuns.record(run(8))).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This token lacks the gate-runs:write scope' });
    }
    const viewer = callerFor(services, await createTestUser(db, 'viewer'));
    await expect(viewer.gateRuns.record(run(8))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.prisma.evidence.count()).toBe(count);
  });

  it('records release evidence, artifacts and reports on a gate or criterion by key', async () => {
    const releases = await tokenCaller(['evidence:write']);
    const onGate = await releases.evidence.record({ key: 'B.production-gates', kind: 'ARTIFACT', title: 'SDK 1.4.0', url: 'https://registry.example/sdk/1.4.0', commit: 'abcdef1' });
    expect(onGate.attachedTo).toMatchObject({ targetType: 'gate', key: 'B.production-gates' });
    const stored = await db.prisma.evidence.findUniqueOrThrow({ where: { id: onGate.evidenceId }, select: { capturedOn: true, commit: true, addedByName: true } });
    expect(stored).toMatchObject({ commit: 'abcdef1', addedByName: 'service token ci evidence:write' });
    expect(stored.capturedOn.toISOString().slice(0, 10)).toBe('2026-03-10');
    const onCriterion = await releases.evidence.record({ key: 'B.hosted-funnel.manual', kind: 'REPORT', title: 'Funnel report', url: 'https://docs.example/funnel', capturedOn: '2026-03-09' });
    expect(onCriterion.attachedTo).toMatchObject({ targetType: 'criterion', key: 'B.hosted-funnel.manual' });
    await expect(releases.evidence.record({ key: 'B.production-gates', kind: 'GATE_RUN' as 'REPORT', title: 'x', url: 'https://x.example' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
