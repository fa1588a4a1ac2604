// One lock order everywhere (docs/architecture.md, "Locks"): a write that re-evaluates criteria takes
// the criteria lock before it locks any row. Two writes that took them in opposite orders deadlocked on
// PostgreSQL (40P01): a link check writing its result (evidence row, then criteria) against an edit or
// an archive of the same evidence (criteria, then evidence row). Each write that takes more than one
// lock runs here against the others, at once, many times: none may fail except by CONFLICT.
// (PGlite runs one transaction at a time, so there these only prove the writes still work together.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from './modules/audit/audit.service.js';
import { checkEvidence, linkCheckOptionsFrom } from './modules/evidence/link-check.service.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import { callerFor, createTestDb, createTestUser, testServices, TODAY } from './test/test-db.js';

const ROUNDS = 20;

describe('lock order', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const api = callerFor(services, await createTestUser(db, 'admin', 'Ada'));

  /** Runs when the link checker's request arrives, before the answer: the edit races the check's write. */
  let onRequest: () => void = () => {};
  const server = http.createServer((_req, res) => {
    onRequest();
    res.writeHead(404).end();
  });
  let base = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A criterion that reads evidence health, so every change of health re-evaluates something real.
    const gate = await db.prisma.gate.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } });
    await api.criteria.create({ gateId: gate.id, title: 'No broken evidence', spec: { kind: 'LINK_HEALTH' } });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const newEvidence = async (tag: string) =>
    db.prisma.evidence.create({
      data: { title: `Lock ${tag}`, url: `${base}/${tag}`, kind: 'REPORT', capturedOn: new Date('2026-03-01'), addedByName: 'Test' },
      select: { id: true, version: true },
    });

  const check = (id: string) =>
    checkEvidence(db.prisma, { ids: [id], actor: systemActor('test-link-check'), today: TODAY, options: linkCheckOptionsFrom(services.linkCheck) });

  /** Refusals a rule makes (a stale version, a tick without evidence) are fine; a 500 (40P01) is not. */
  const notDeadlocked = (results: PromiseSettledResult<unknown>[]) => {
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code, String((r.reason as Error).message)).not.toBe('INTERNAL_SERVER_ERROR');
    }
  };

  const edits = {
    'evidence.update': (e: { id: string; version: number }, i: number) => api.evidence.update({ id: e.id, version: e.version, note: `edited ${i}` }),
    'evidence.archive': (e: { id: string; version: number }) => api.evidence.archive({ id: e.id }),
  };

  describe.each(Object.entries(edits))('%s right after adding, while its link is checked', (name, edit) => {
    it(`${ROUNDS} rounds: no deadlock, and both writes land`, async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const e = await newEvidence(`${name}-${i}`);
        let edited: Promise<unknown> = Promise.resolve();
        // Once: the checker may ask twice (HEAD, then GET).
        onRequest = () => {
          onRequest = () => {};
          edited = edit(e, i);
        };
        const checked = await Promise.allSettled([check(e.id)]);
        const results: PromiseSettledResult<unknown>[] = [...checked, ...(await Promise.allSettled([edited]))];
        notDeadlocked(results);
        expect(results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : [])), `round ${i}`).toEqual([]);
      }
      onRequest = () => {};
    });
  });

  it('every write that re-evaluates criteria, all at once, repeatedly: none fails with an internal error (a deadlock)', async () => {
    const phase = await db.prisma.phase.findFirstOrThrow({ where: { key: 'A', plan: { isCurrent: true } }, select: { id: true } });
    const partner = await api.partners.create({ company: 'Lock Order Inc', segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' });
    const metric = await api.metrics.define({ key: 'lock_order', name: 'Lock order', unit: 'count' });
    const gate = await db.prisma.gate.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } });
    const criterion = await db.prisma.criterion.findFirstOrThrow({ where: { deletedAt: null, gateId: { not: null } }, select: { id: true } });
    for (let i = 0; i < 8; i++) {
      const [a, b] = [await newEvidence(`mixed-a-${i}`), await newEvidence(`mixed-b-${i}`)];
      const current = await db.prisma.partner.findUniqueOrThrow({ where: { id: partner.id }, select: { version: true, stage: true } });
      const tick = await db.prisma.criterion.findUniqueOrThrow({ where: { id: criterion.id }, select: { version: true, checked: true } });
      const results = await Promise.allSettled([
        check(a.id),
        api.evidence.update({ id: a.id, version: a.version, note: `mixed ${i}` }),
        api.evidence.archive({ id: b.id }),
        check(b.id),
        api.partners.moveStage({ id: partner.id, version: current.version, to: current.stage === 'LEAD' ? 'QUALIFIED' : 'LEAD', reason: 'back and forth' }),
        api.partners.update({ id: partner.id, version: current.version, track: i % 2 ? 'HOSTED' : 'PLATFORM' }),
        api.metrics.setValues({ values: [{ metricId: metric.id, week: '2026-03-09', value: i }] }),
        api.criteria.tick({ id: criterion.id, version: tick.version, checked: !tick.checked }),
        api.evidence.link({ evidenceId: a.id, targetType: 'gate', targetId: gate.id }),
        api.deliverables.create({ phaseId: phase.id, title: `Lock ${i}`, ownerName: 'Lee' }),
      ]);
      notDeadlocked(results);
    }
  });
});
