// Every gate decision freezes what it rested on: criteria, evidence with its health, the decider and the
// audit chain head, as JSON whose SHA-256 a downloaded copy can be checked against; later views say what
// has changed since.
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { recordAudit, systemActor } from '../audit/audit.service.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { sha256Hex } from './decision-pack.rules.js';

describe('decision packs', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-04-01');
  const lead = callerFor(services, await createTestUser(db, 'leadership', 'Lena Lead'));
  const viewer = callerFor(services, await createTestUser(db, 'viewer'));
  let gate: { id: string; version: number };
  let evidenceId = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    gate = (await lead.phases.byKey({ key: 'A' })).phase.gates[0]!;
    const evidence = await db.prisma.evidence.create({
      data: { title: 'Mobile crawl report', url: 'https://docs.aionis.example/crawl', kind: 'REPORT', capturedOn: new Date('2026-03-30'), addedByName: 'Pat', health: 'HEALTHY', httpStatus: 200 },
    });
    evidenceId = evidence.id;
    await db.prisma.evidenceLink.create({ data: { evidenceId, targetType: 'gate', targetId: gate.id, byName: 'Pat' } });
    // Something in the audit trail before the decision, so the pack has a chain head to name.
    await recordAudit(db.prisma, systemActor('pack-test'), { action: 'gate.update', entityType: 'gate', entityId: gate.id, changes: { title: { from: 'a', to: 'b' } } });
  });

  it('is frozen with the decision: gate, decision, criteria, evidence and the chain head, hashed', async () => {
    const result = await lead.gates.setStatus({ id: gate.id, version: gate.version, status: 'FAILED', decision: 'NO_GO', reason: 'Pages still 404 on mobile' });
    expect(result.decisionPackId).toBeTruthy();
    const [listed] = await viewer.gates.decisionPacks({ id: gate.id });
    expect(listed!.id).toBe(result.decisionPackId);

    const view = await viewer.gates.decisionPack({ id: result.decisionPackId! });
    expect(view).toMatchObject({ intact: true, stillHolds: true, drift: [] });
    // The JSON a person downloads is the text that was hashed.
    expect(sha256Hex(view.json)).toBe(view.sha256);
    const criteria = await db.prisma.criterion.findMany({ where: { gateId: gate.id, deletedAt: null } });
    expect(view.pack).toMatchObject({
      gate: { id: gate.id, phase: 'A', to: 'FAILED' },
      decision: { kind: 'NO_GO', reason: 'Pages still 404 on mobile', by: 'Lena Lead' },
      evidence: [{ id: evidenceId, title: 'Mobile crawl report', health: 'HEALTHY', httpStatus: 200, via: ['gate'] }],
    });
    expect(view.pack.criteria.map((c) => c.id).sort()).toEqual(criteria.map((c) => c.id).sort());
    const tipBefore = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'gate.update', entityId: gate.id } });
    expect(view.pack.auditChainHead).toEqual({ seq: Number(tipBefore.seq), hash: tipBefore.hash });
    expect(view.markdown).toContain('**No-go** by Lena Lead');
    expect(view.markdown).toContain(view.sha256);
    // The decision's audit event names its pack.
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'gate.status', entityId: gate.id }, orderBy: { at: 'desc' } });
    expect(event.changes).toMatchObject({ decisionPack: { id: result.decisionPackId, sha256: view.sha256 } });
  });

  it('says what changed since: evidence that broke after the decision', async () => {
    const [pack] = await viewer.gates.decisionPacks({ id: gate.id });
    await db.prisma.evidence.update({ where: { id: evidenceId }, data: { health: 'BROKEN', httpStatus: 404 } });
    const view = await viewer.gates.decisionPack({ id: pack!.id });
    expect(view).toMatchObject({ intact: true, stillHolds: false, drift: [{ kind: 'evidence-broken', id: evidenceId, title: 'Mobile crawl report' }] });
  });

  it('is append-only, and a pack edited through SQL no longer matches its hash', async () => {
    const [pack] = await viewer.gates.decisionPacks({ id: gate.id });
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "DecisionPack" SET "content" = replace("content", 'NO_GO', 'GO')`)).rejects.toThrow(/append-only/);
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "DecisionPack" DISABLE TRIGGER "DecisionPack_append_only"`);
      await tx.$executeRawUnsafe(`UPDATE "DecisionPack" SET "content" = replace("content", 'Pages still 404', 'Pages fine') WHERE "id" = '${pack!.id}'`);
      await tx.$executeRawUnsafe(`ALTER TABLE "DecisionPack" ENABLE TRIGGER "DecisionPack_append_only"`);
    });
    expect((await viewer.gates.decisionPack({ id: pack!.id })).intact).toBe(false);
  });

  it('is not made for a working status change, which is no decision', async () => {
    const gateB = (await lead.phases.byKey({ key: 'B' })).phase.gates[0]!;
    const result = await lead.gates.setStatus({ id: gateB.id, version: gateB.version, status: 'AT_RISK', reason: 'Slipping' });
    expect(result.decisionPackId).toBeUndefined();
    expect(await viewer.gates.decisionPacks({ id: gateB.id })).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown pack', async () => {
    await expect(viewer.gates.decisionPack({ id: '0192f000-0000-7000-8000-0000000000ff' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
