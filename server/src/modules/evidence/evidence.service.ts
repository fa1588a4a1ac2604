import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { fromIsoDate, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { diffFields, snapshot } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import type { EvidenceTarget, EvidenceTargetType, evidenceCreateInput, evidenceListInput, evidenceUpdateInput } from './evidence.schema.js';

const auditedFields = ['title', 'url', 'kind', 'capturedOn', 'result', 'note', 'livePage'] as const;

export const evidenceSelect = {
  id: true,
  title: true,
  url: true,
  kind: true,
  capturedOn: true,
  result: true,
  note: true,
  addedByName: true,
  health: true,
  httpStatus: true,
  finalUrl: true,
  checkError: true,
  checkedAt: true,
  brokenSince: true,
  fingerprint: true,
  fingerprintType: true,
  fingerprintBytes: true,
  fingerprintTruncated: true,
  fingerprintAt: true,
  capturedFingerprint: true,
  contentChangedAt: true,
  livePage: true,
  archivedAt: true,
  version: true,
  createdAt: true,
} satisfies Prisma.EvidenceSelect;

type EvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

export const evidenceView = (row: EvidenceRow) => ({
  ...row,
  capturedOn: toIsoDate(row.capturedOn),
  checkedAt: row.checkedAt?.toISOString() ?? null,
  brokenSince: row.brokenSince?.toISOString() ?? null,
  fingerprintAt: row.fingerprintAt?.toISOString() ?? null,
  contentChangedAt: row.contentChangedAt?.toISOString() ?? null,
  /** Serves other content than when it was captured (docs/decisions/043); never for a live page. */
  contentChanged: row.contentChangedAt !== null,
  archivedAt: row.archivedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});
export type EvidenceView = ReturnType<typeof evidenceView>;

// ---- targets -------------------------------------------------------------------------------------

/** A record evidence is attached to, named for people: "Gate · Docs links all green". */
export interface TargetLabel extends EvidenceTarget {
  label: string;
  /** For links in the web: the phase key of a gate or deliverable. */
  phaseKey: string | null;
}

/** Names the targets of many links in one query per target type. */
export async function describeTargets(db: Db | Tx, targets: readonly EvidenceTarget[]): Promise<Map<string, TargetLabel>> {
  const ids = (type: EvidenceTargetType) => [...new Set(targets.filter((t) => t.targetType === type).map((t) => t.targetId))];
  const out = new Map<string, TargetLabel>();
  const put = (targetType: EvidenceTargetType, targetId: string, label: string, phaseKey: string | null = null) =>
    out.set(`${targetType}:${targetId}`, { targetType, targetId, label, phaseKey });
  const [gates, deliverables, partners, claims, criteria, reviews] = await Promise.all([
    ids('gate').length ? db.gate.findMany({ where: { id: { in: ids('gate') } }, select: { id: true, title: true, phase: { select: { key: true } } } }) : [],
    ids('deliverable').length
      ? db.deliverable.findMany({ where: { id: { in: ids('deliverable') } }, select: { id: true, title: true, phase: { select: { key: true } } } })
      : [],
    ids('partner').length ? db.partner.findMany({ where: { id: { in: ids('partner') } }, select: { id: true, company: true } }) : [],
    ids('claim').length ? db.claim.findMany({ where: { id: { in: ids('claim') } }, select: { id: true, statement: true } }) : [],
    ids('criterion').length
      ? db.criterion.findMany({ where: { id: { in: ids('criterion') } }, select: { id: true, title: true, gate: { select: { phase: { select: { key: true } } } } } })
      : [],
    ids('review').length ? db.weeklyReview.findMany({ where: { id: { in: ids('review') } }, select: { id: true, weekStart: true } }) : [],
  ]);
  for (const g of gates) put('gate', g.id, g.title, g.phase.key);
  for (const d of deliverables) put('deliverable', d.id, d.title, d.phase.key);
  for (const p of partners) put('partner', p.id, p.company);
  for (const c of claims) put('claim', c.id, c.statement);
  for (const c of criteria) put('criterion', c.id, c.title, c.gate?.phase.key ?? null);
  for (const r of reviews) put('review', r.id, `Review of ${toIsoDate(r.weekStart)}`);
  for (const t of targets) if (!out.has(`${t.targetType}:${t.targetId}`)) put(t.targetType, t.targetId, '');
  return out;
}

async function assertTargetExists(tx: Tx, { targetType, targetId }: EvidenceTarget) {
  const where = { id: targetId };
  const found = await (async () => {
    switch (targetType) {
      case 'gate':
        return tx.gate.findFirst({ where: { ...where, deletedAt: null }, select: { id: true } });
      case 'deliverable':
        return tx.deliverable.findFirst({ where: { ...where, deletedAt: null }, select: { id: true } });
      case 'partner':
        return tx.partner.findFirst({ where: { ...where, archivedAt: null }, select: { id: true } });
      case 'claim':
        return tx.claim.findFirst({ where: { ...where, archivedAt: null }, select: { id: true } });
      case 'criterion':
        return tx.criterion.findFirst({ where: { ...where, deletedAt: null }, select: { id: true } });
      case 'review':
        // A closed review is frozen: nothing more can be attached to it.
        return tx.weeklyReview.findFirst({ where: { ...where, status: 'DRAFT' }, select: { id: true } });
    }
  })();
  if (!found) throw new DomainError('INVALID', `There is no ${targetType} ${targetId} to attach evidence to`, [{ path: 'targetId', message: 'Unknown record' }]);
}

// ---- reads ---------------------------------------------------------------------------------------

export async function listEvidence(db: Db, input: z.output<typeof evidenceListInput>) {
  const where: Prisma.EvidenceWhereInput = {
    archivedAt: input.archived ? { not: null } : null,
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.health ? { health: input.health } : {}),
    ...(input.q
      ? {
          OR: [
            { title: { contains: input.q, mode: 'insensitive' } },
            { url: { contains: input.q, mode: 'insensitive' } },
            { note: { contains: input.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  // Ids are UUIDv7, ordered by creation time: the newest first, and the cursor is the last id seen.
  const rows = await db.evidence.findMany({
    where: input.cursor ? { AND: [where, { id: { lt: input.cursor } }] } : where,
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    select: { ...evidenceSelect, links: { select: { targetType: true, targetId: true }, orderBy: { createdAt: 'asc' } } },
  });
  const page = rows.slice(0, input.limit);
  const labels = await describeTargets(
    db,
    page.flatMap((r) => r.links.map((l) => ({ targetType: l.targetType as EvidenceTargetType, targetId: l.targetId }))),
  );
  const [total, broken] = await Promise.all([db.evidence.count({ where }), db.evidence.count({ where: { archivedAt: null, health: 'BROKEN' } })]);
  return {
    items: page.map(({ links, ...row }) => ({
      ...evidenceView(row),
      attachedTo: links.map((l) => labels.get(`${l.targetType}:${l.targetId}`)!),
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
    total,
    brokenTotal: broken,
  };
}

export async function evidenceById(db: Db, id: string) {
  const row = await db.evidence.findUnique({ where: { id }, select: { ...evidenceSelect, links: { select: { targetType: true, targetId: true } } } });
  if (!row) throw notFound('Evidence', id);
  const { links, ...rest } = row;
  const labels = await describeTargets(db, links.map((l) => ({ targetType: l.targetType as EvidenceTargetType, targetId: l.targetId })));
  // Decisions whose pack holds this evidence with other content than it serves now.
  const decisionsOnEarlierContent = rest.fingerprint
    ? await db.decisionPackEvidence.count({ where: { evidenceId: id, NOT: { fingerprint: rest.fingerprint } } })
    : 0;
  return { ...evidenceView(rest), attachedTo: links.map((l) => labels.get(`${l.targetType}:${l.targetId}`)!), decisionsOnEarlierContent };
}

/** Live evidence attached to one record, newest capture first. */
export async function evidenceForTarget(db: Db | Tx, target: EvidenceTarget) {
  const links = await db.evidenceLink.findMany({
    where: { targetType: target.targetType, targetId: target.targetId, evidence: { archivedAt: null } },
    select: { createdAt: true, byName: true, evidence: { select: evidenceSelect } },
  });
  return links
    .map((l) => ({ ...evidenceView(l.evidence), linkedAt: l.createdAt.toISOString(), linkedBy: l.byName }))
    .sort((a, b) => b.capturedOn.localeCompare(a.capturedOn) || b.createdAt.localeCompare(a.createdAt));
}

// ---- writes --------------------------------------------------------------------------------------

async function linkInTx(tx: Tx, actor: Actor, evidenceId: string, target: EvidenceTarget) {
  await assertTargetExists(tx, target);
  const existing = await tx.evidenceLink.findUnique({
    where: { evidenceId_targetType_targetId: { evidenceId, targetType: target.targetType, targetId: target.targetId } },
    select: { id: true },
  });
  if (existing) return false;
  await tx.evidenceLink.create({ data: { evidenceId, ...target, byName: actor.name } });
  await recordAudit(tx, actor, { action: 'evidence.link', entityType: target.targetType, entityId: target.targetId, changes: { evidenceId } });
  return true;
}

/** Where a reported run or artifact came from; only the API's reports carry it. */
export interface EvidenceSource {
  runId?: string | null;
  commit?: string | null;
  branch?: string | null;
}

/** Creates evidence (and its link) inside the caller's transaction, which holds the criteria lock and re-evaluates. */
export async function createEvidenceInTx(tx: Tx, actor: Actor, input: z.output<typeof evidenceCreateInput>, source: EvidenceSource = {}) {
  const { attachTo, ...fields } = input;
  const created = await tx.evidence.create({
    data: { ...fields, ...source, capturedOn: fromIsoDate(fields.capturedOn), addedById: actor.userId, addedByName: actor.name },
    select: { id: true, version: true },
  });
  await recordAudit(tx, actor, {
    action: 'evidence.create',
    entityType: 'evidence',
    entityId: created.id,
    changes: { ...snapshot(fields, auditedFields), ...Object.fromEntries(Object.entries(source).filter(([, v]) => v != null)) },
  });
  if (attachTo) await linkInTx(tx, actor, created.id, attachTo);
  return created;
}

export async function createEvidence(db: Db, actor: Actor, input: z.output<typeof evidenceCreateInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const created = await createEvidenceInTx(tx, actor, input);
    await reevaluateCriteria(tx, actor, today);
    return created;
  });
}

/** The CONFLICT for a stale version of evidence: who changed it meanwhile, and its fields as they are now. */
async function staleEvidence(tx: Tx, id: string) {
  const current = await tx.evidence.findUnique({ where: { id }, select: { title: true, url: true, kind: true, capturedOn: true, result: true, note: true, version: true } });
  return staleConflict(tx, { what: 'This evidence', entityType: 'evidence', entityId: id, current });
}

export async function updateEvidence(db: Db, actor: Actor, input: z.output<typeof evidenceUpdateInput>, today: IsoDate) {
  const { id, version, capturedOn, ...rest } = input;
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const current = await tx.evidence.findFirst({ where: { id, archivedAt: null }, select: { ...evidenceSelect } });
    if (!current) throw notFound('Evidence', id);
    if (current.version !== version) throw await staleEvidence(tx, id);
    const data: Prisma.EvidenceUpdateManyMutationInput = { ...rest, ...(capturedOn === undefined ? {} : { capturedOn: fromIsoDate(capturedOn) }) };
    // A new address has not been checked yet.
    if (rest.url !== undefined && rest.url !== current.url) {
      Object.assign(data, {
        ...{ health: 'UNCHECKED', httpStatus: null, finalUrl: null, checkError: null, checkedAt: null, brokenSince: null },
        // …nor fingerprinted: its first fetch is its capture.
        ...{ fingerprint: null, fingerprintType: null, fingerprintBytes: null, fingerprintTruncated: false, fingerprintAt: null, capturedFingerprint: null, contentChangedAt: null },
      });
    }
    // A live page is never compared, so it is never "changed".
    if (rest.livePage === true) data.contentChangedAt = null;
    const { count } = await tx.evidence.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw await staleEvidence(tx, id);
    await recordAudit(tx, actor, {
      action: 'evidence.update',
      entityType: 'evidence',
      entityId: id,
      changes: diffFields(current, { ...rest, ...(capturedOn === undefined ? {} : { capturedOn: fromIsoDate(capturedOn) }) }, auditedFields),
    });
    await reevaluateCriteria(tx, actor, today);
    return { id, version: version + 1 };
  });
}

export async function setEvidenceArchived(db: Db, actor: Actor, id: string, archived: boolean, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const { count } = await tx.evidence.updateMany({
      where: { id, archivedAt: archived ? null : { not: null } },
      data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) throw notFound(archived ? 'Evidence' : 'Archived evidence', id);
    const row = await tx.evidence.findUniqueOrThrow({ where: { id }, select: evidenceSelect });
    await recordAudit(tx, actor, {
      action: archived ? 'evidence.delete' : 'evidence.restore',
      entityType: 'evidence',
      entityId: id,
      changes: snapshot(row, auditedFields),
    });
    await reevaluateCriteria(tx, actor, today);
    return { id };
  });
}

export async function linkEvidence(db: Db, actor: Actor, evidenceId: string, target: EvidenceTarget, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const evidence = await tx.evidence.findFirst({ where: { id: evidenceId, archivedAt: null }, select: { id: true } });
    if (!evidence) throw notFound('Evidence', evidenceId);
    const linked = await linkInTx(tx, actor, evidenceId, target);
    if (linked) await reevaluateCriteria(tx, actor, today);
    return { linked };
  });
}

export async function unlinkEvidence(db: Db, actor: Actor, evidenceId: string, target: EvidenceTarget, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    if (target.targetType === 'review') {
      const closed = await tx.weeklyReview.count({ where: { id: target.targetId, status: 'CLOSED' } });
      if (closed) throw new DomainError('PRECONDITION_FAILED', 'The review is closed: its evidence is part of the record');
    }
    const { count } = await tx.evidenceLink.deleteMany({ where: { evidenceId, targetType: target.targetType, targetId: target.targetId } });
    if (count === 0) throw new DomainError('NOT_FOUND', 'This evidence is not attached there');
    await recordAudit(tx, actor, { action: 'evidence.unlink', entityType: target.targetType, entityId: target.targetId, changes: { evidenceId } });
    await reevaluateCriteria(tx, actor, today);
    return { unlinked: true };
  });
}
