// The hash chain on a real database: linked at commit in one order under concurrent writers, and every
// kind of tampering — an event changed, deleted, inserted around the console, two reordered, the tip cut
// off — found at the right event.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDb } from '../../test/test-db.js';
import { GENESIS_HASH } from './audit-chain.rules.js';
import { recordChainVerification, verifyAuditChain, verifyAuditChainIncrementally } from './audit-chain.service.js';
import { recordAudit, systemActor } from './audit.service.js';

const actor = systemActor('chain-test');

async function writeEvents(db: Database, n: number, label = 'e') {
  for (let i = 0; i < n; i++) {
    await recordAudit(db.prisma, actor, { action: 'partner.update', entityType: 'partner', entityId: `${label}-${i}`, changes: { title: { from: `${label}${i}`, to: `${label}${i}!` }, n: i, 名: '门' } });
  }
}

const bySeq = (db: Database, seq: number) => db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(seq) } });

/** Runs SQL with the append-only guard off, as someone with direct database access could. */
async function tamper(db: Database, sql: string) {
  await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await tx.$executeRawUnsafe(sql);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
  });
}

describe('the audit hash chain', () => {
  it('links every event at commit, 1, 2, 3 … from the genesis hash, and verifies', async () => {
    const db = await createTestDb();
    await writeEvents(db, 5);
    const first = await bySeq(db, 1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect((await bySeq(db, 2)).prevHash).toBe(first.hash);
    const result = await verifyAuditChain(db.prisma);
    expect(result).toMatchObject({ ok: true, checked: 5, broken: null, verified: { seq: 5 } });
    expect(result.verified.hash).toBe((await bySeq(db, 5)).hash);
  });

  it('keeps one chain when transactions commit concurrently, each transaction in its insert order', async () => {
    const db = await createTestDb();
    await Promise.all(
      Array.from({ length: 12 }, (_, t) =>
        db.prisma.$transaction(async (tx) => {
          // Gate-shaped ids of gates that do not exist: the notification hook looks them up and finds none.
          const entityId = `0192f000-0000-7000-8000-0000000000${String(t).padStart(2, '0')}`;
          for (let i = 0; i < 3; i++) await recordAudit(tx, actor, { action: 'gate.status', entityType: 'gate', entityId, changes: { i } });
        }),
      ),
    );
    const events = await db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, entityId: true, changes: true } });
    expect(events.map((e) => Number(e.seq))).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    // A transaction's three events are consecutive and in order: commits do not interleave.
    for (let k = 0; k < 36; k += 3) {
      expect(new Set(events.slice(k, k + 3).map((e) => e.entityId)).size).toBe(1);
      expect(events.slice(k, k + 3).map((e) => (e.changes as { i: number }).i)).toEqual([0, 1, 2]);
    }
    expect(await verifyAuditChain(db.prisma, { pageSize: 7 })).toMatchObject({ ok: true, checked: 36 });
  });

  it('still refuses to edit or delete a linked event', async () => {
    const db = await createTestDb();
    await writeEvents(db, 1);
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorName" = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = repeat('f', 64)`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it('finds an event whose content was changed through SQL', async () => {
    const db = await createTestDb();
    await writeEvents(db, 6);
    const target = await bySeq(db, 4);
    await tamper(db, `UPDATE "AuditEvent" SET "changes" = '{"title": {"from": "e3", "to": "forged"}}' WHERE "seq" = 4`);
    expect(await verifyAuditChain(db.prisma, { pageSize: 2 })).toMatchObject({ ok: false, checked: 3, verified: { seq: 3 }, broken: { eventId: target.id, seq: 4, problem: 'altered' } });
  });

  it('finds a change to any field, the actor or the time included', async () => {
    const db = await createTestDb();
    await writeEvents(db, 3);
    await tamper(db, `UPDATE "AuditEvent" SET "at" = "at" - interval '1 day' WHERE "seq" = 2`);
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ seq: 2, problem: 'altered' });
  });

  it('finds a deleted event at the one after it', async () => {
    const db = await createTestDb();
    await writeEvents(db, 5);
    const after = await bySeq(db, 3);
    await tamper(db, `DELETE FROM "AuditEvent" WHERE "seq" = 2`);
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ eventId: after.id, seq: 3, problem: 'missing' });
  });

  it('finds an event inserted around the console (with the chain trigger off)', async () => {
    const db = await createTestDb();
    await writeEvents(db, 3);
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_chain"`);
      await tx.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("id", "actorName", "action", "entityType", "entityId", "changes") VALUES ('0192f000-0000-7000-8000-000000000001', 'Mallory', 'gate.decide', 'gate', 'g', '{}')`,
      );
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_chain"`);
    });
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ eventId: '0192f000-0000-7000-8000-000000000001', problem: 'unlinked' });
  });

  it('finds an event forged into the middle of the chain', async () => {
    const db = await createTestDb();
    await writeEvents(db, 4);
    // Move events 3 and 4 up and put a forgery at 3 that names event 2 as its predecessor.
    const second = await bySeq(db, 2);
    await tamper(db, `UPDATE "AuditEvent" SET "seq" = "seq" + 100 WHERE "seq" >= 3`);
    await tamper(db, `UPDATE "AuditEvent" SET "seq" = "seq" - 99 WHERE "seq" >= 103`);
    // An insert needs no guard off; arriving with a hash, it is left as it is, as a restored event is.
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" ("id", "actorName", "action", "entityType", "entityId", "changes", "seq", "prevHash", "hash") VALUES ('0192f000-0000-7000-8000-000000000002', 'Mallory', 'gate.decide', 'gate', 'g', '{}', 3, '${second.hash}', repeat('a', 64))`,
    );
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ eventId: '0192f000-0000-7000-8000-000000000002', seq: 3, problem: 'altered' });
  });

  it('finds two events swapped at the first of them', async () => {
    const db = await createTestDb();
    await writeEvents(db, 5);
    const third = await bySeq(db, 3);
    await tamper(db, `UPDATE "AuditEvent" SET "seq" = CASE "seq" WHEN 2 THEN 1003 WHEN 3 THEN 1002 END WHERE "seq" IN (2, 3)`);
    await tamper(db, `UPDATE "AuditEvent" SET "seq" = "seq" - 1000 WHERE "seq" > 1000`);
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ eventId: third.id, seq: 2, problem: 'relinked' });
  });

  it('verifies incrementally from the last intact verification, and notices the tip cut off behind it', async () => {
    const db = await createTestDb();
    await writeEvents(db, 4);
    expect(await verifyAuditChainIncrementally(db.prisma)).toMatchObject({ ok: true, checked: 4 });
    await writeEvents(db, 2, 'later');
    expect(await verifyAuditChainIncrementally(db.prisma)).toMatchObject({ ok: true, checked: 2, verified: { seq: 6 } });
    await tamper(db, `DELETE FROM "AuditEvent" WHERE "seq" >= 5`);
    const cut = await verifyAuditChainIncrementally(db.prisma);
    expect(cut).toMatchObject({ ok: false, broken: { seq: 6, problem: 'truncated' } });
    expect(await db.prisma.auditChainCheck.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ ok: false, problem: expect.stringContaining('gone') });
  });

  it('links events written with the chain trigger off, oldest first, as the migration did for the existing trail', async () => {
    const db = await createTestDb();
    await writeEvents(db, 2);
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_chain"`);
      for (let i = 0; i < 3; i++) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "AuditEvent" ("id", "at", "actorName", "action", "entityType", "entityId", "changes") VALUES (gen_random_uuid(), now() + ${i} * interval '1 minute', 'Importer', 'partner.create', 'partner', 'p${i}', '{"i": ${i}}')`,
        );
      }
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_chain"`);
    });
    expect((await verifyAuditChain(db.prisma)).broken?.problem).toBe('unlinked');
    const [linked] = await db.prisma.$queryRawUnsafe<{ linked: bigint }[]>(`SELECT "audit_chain_link_pending"() AS linked`);
    expect(Number(linked?.linked)).toBe(3);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true, checked: 5 });
    expect(((await bySeq(db, 5)).changes as { i: number }).i).toBe(2);
  });

  it('records a verification for the audit page', async () => {
    const db = await createTestDb();
    await writeEvents(db, 2);
    const result = await verifyAuditChain(db.prisma);
    await recordChainVerification(db.prisma, result, new Date('2026-12-04T03:00:00Z'));
    expect(await db.prisma.auditChainCheck.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ ok: true, checked: 2, verifiedSeq: 2n, verifiedHash: result.verified.hash });
  });
});
