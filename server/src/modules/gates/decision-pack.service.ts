// Decision packs (docs/decisions/042-decision-packs.md): frozen in the transaction that records a gate
// decision, under the criteria lock it already holds, so the pack shows exactly what the decision saw.
import type { Db, Tx } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import { canonicalJson, packDrift, packMarkdown, sha256Hex, type DecisionPackContent, type PackEvidence } from './decision-pack.rules.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

export interface DecisionRecord {
  statusChangeId: string;
  gateId: string;
  from: string | null;
  to: string;
  decision: string;
  reason: string;
  outstanding: string[];
  suggested: string | null;
  overrode: boolean;
  evidenceIds: string[];
  by: string;
  at: Date;
}

export async function freezeDecisionPack(tx: Tx, record: DecisionRecord): Promise<{ id: string; sha256: string }> {
  const gate = await tx.gate.findUniqueOrThrow({ where: { id: record.gateId }, select: { id: true, title: true, dueDate: true, phase: { select: { key: true } } } });
  const criteria = await tx.criterion.findMany({
    where: { gateId: record.gateId, deletedAt: null },
    orderBy: { position: 'asc' },
    select: { id: true, title: true, kind: true, met: true, currentValue: true, targetValue: true, detail: true, evaluatedAt: true },
  });
  const links = await tx.evidenceLink.findMany({
    where: { OR: [{ targetType: 'gate', targetId: record.gateId }, ...(criteria.length ? [{ targetType: 'criterion', targetId: { in: criteria.map((c) => c.id) } }] : [])] },
    select: { evidenceId: true, targetType: true },
  });
  const via = new Map<string, Set<PackEvidence['via'][number]>>();
  const add = (id: string, how: PackEvidence['via'][number]) => via.set(id, (via.get(id) ?? new Set()).add(how));
  for (const link of links) add(link.evidenceId, link.targetType === 'gate' ? 'gate' : 'criterion');
  for (const id of record.evidenceIds) add(id, 'decision');
  const evidence = await tx.evidence.findMany({
    where: { id: { in: [...via.keys()] }, archivedAt: null },
    orderBy: [{ capturedOn: 'desc' }, { id: 'asc' }],
    select: { id: true, title: true, kind: true, url: true, capturedOn: true, health: true, httpStatus: true, checkedAt: true, fingerprint: true },
  });
  // The tip committed before this transaction: its own events are linked at its commit.
  const [head] = await tx.$queryRaw<{ seq: string; hash: string }[]>`SELECT "seq"::text AS seq, "hash" FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`;

  const content: DecisionPackContent = {
    format: 'aionis.decision-pack',
    version: 1,
    gate: { id: gate.id, title: gate.title, phase: gate.phase.key, dueDate: day(gate.dueDate), from: record.from, to: record.to },
    decision: { kind: record.decision, reason: record.reason, outstanding: record.outstanding, by: record.by, at: record.at.toISOString(), suggested: record.suggested, overrode: record.overrode },
    criteria: criteria.map((c) => ({ id: c.id, title: c.title, kind: c.kind, met: c.met, value: c.currentValue, target: c.targetValue, detail: c.detail, evaluatedAt: iso(c.evaluatedAt) })),
    evidence: evidence.map((e) => ({
      id: e.id,
      title: e.title,
      kind: e.kind,
      url: e.url,
      capturedOn: day(e.capturedOn)!,
      health: e.health,
      httpStatus: e.httpStatus,
      checkedAt: iso(e.checkedAt),
      fingerprint: e.fingerprint,
      via: [...via.get(e.id)!].sort(),
    })),
    auditChainHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
  };
  const text = canonicalJson(content);
  const sha256 = sha256Hex(text);
  const pack = await tx.decisionPack.create({ data: { gateStatusChangeId: record.statusChangeId, gateId: record.gateId, sha256, content: text }, select: { id: true } });
  if (evidence.length) await tx.decisionPackEvidence.createMany({ data: evidence.map((e) => ({ packId: pack.id, evidenceId: e.id, fingerprint: e.fingerprint })) });
  return { id: pack.id, sha256 };
}

/** A gate's packs, newest first, for its decision history. */
export async function decisionPacksForGate(db: Db, gateId: string) {
  const packs = await db.decisionPack.findMany({ where: { gateId }, orderBy: { createdAt: 'desc' }, select: { id: true, gateStatusChangeId: true, sha256: true, createdAt: true } });
  return packs.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() }));
}

/**
 * One pack: its JSON exactly as hashed, its Markdown, whether the stored text still matches its hash,
 * and what has changed since (evidence broken, archived or moved; criteria flipped or removed).
 */
export async function decisionPackById(db: Db, id: string) {
  const row = await db.decisionPack.findUnique({ where: { id }, select: { id: true, gateId: true, sha256: true, content: true, createdAt: true } });
  if (!row) throw notFound('Decision pack', id);
  const pack = JSON.parse(row.content) as DecisionPackContent;
  const [evidenceNow, criteriaNow] = await Promise.all([
    db.evidence.findMany({ where: { id: { in: pack.evidence.map((e) => e.id) } }, select: { id: true, health: true, url: true, archivedAt: true, fingerprint: true, livePage: true } }),
    db.criterion.findMany({ where: { id: { in: pack.criteria.map((c) => c.id) } }, select: { id: true, met: true, deletedAt: true } }),
  ]);
  const drift = packDrift(
    pack,
    evidenceNow.map((e) => ({ id: e.id, health: e.health, url: e.url, archived: e.archivedAt !== null, fingerprint: e.fingerprint, livePage: e.livePage })),
    criteriaNow.map((c) => ({ id: c.id, met: c.met, deleted: c.deletedAt !== null })),
  );
  return {
    id: row.id,
    gateId: row.gateId,
    createdAt: row.createdAt.toISOString(),
    sha256: row.sha256,
    intact: sha256Hex(row.content) === row.sha256,
    json: row.content,
    markdown: packMarkdown(pack, row.sha256),
    pack,
    drift,
    stillHolds: drift.length === 0,
  };
}
