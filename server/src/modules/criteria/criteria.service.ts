import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { fromIsoDate, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { furthestStageIndex } from '../partners/partners.rules.js';
import { checkReorder } from '../plans/plan-item.rules.js';
import {
  criterionSpec,
  type CriterionSpec,
  type criterionCreateInput,
  type criterionReorderInput,
  type criterionTickInput,
  type criterionUpdateInput,
} from './criteria.schema.js';
import { criterionKeyBase, uniqueKey } from '../gates/gate-keys.rules.js';
import {
  earliestMetricWeek,
  evaluateCriterion,
  evaluationChanged,
  type EvaluationFacts,
  type EvidenceFact,
  type PartnerFact,
} from './criteria.rules.js';

// Re-evaluation reads several tables and writes the results; two writers doing it at once could each
// store a result computed without the other's change. A transaction-scoped advisory lock makes them
// take turns (under READ COMMITTED the second then sees the first's committed change). Every
// transaction that re-evaluates takes this lock first, before it locks any row (writes one, or
// updates one): the lock order is always criteria, then rows, so two writers never wait on each
// other in a circle (docs/architecture.md, "Locks"; lock-order.db.test.ts).
const CRITERIA_LOCK = 7_345_001;

export async function lockCriteria(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CRITERIA_LOCK}::bigint)`;
}

const criterionSelect = {
  id: true,
  gateId: true,
  deliverableId: true,
  kind: true,
  title: true,
  config: true,
  position: true,
  checked: true,
  checkedByName: true,
  checkedAt: true,
  met: true,
  currentValue: true,
  targetValue: true,
  detail: true,
  evaluatedAt: true,
  version: true,
} satisfies Prisma.CriterionSelect;
type CriterionRow = Prisma.CriterionGetPayload<{ select: typeof criterionSelect }>;

/** A stored config read back through its schema; a row that no longer parses is reported, not thrown. */
function specOf(row: { kind: string; config: unknown }): CriterionSpec | null {
  const parsed = criterionSpec.safeParse({ kind: row.kind, config: row.config });
  return parsed.success ? parsed.data : null;
}

const ownerOf = (row: { gateId: string | null; deliverableId: string | null }) =>
  row.gateId ? { targetType: 'gate' as const, targetId: row.gateId } : { targetType: 'deliverable' as const, targetId: row.deliverableId! };

export const criterionView = (row: CriterionRow) => ({
  ...row,
  spec: specOf(row),
  checkedAt: row.checkedAt?.toISOString() ?? null,
  evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
});
export type CriterionView = ReturnType<typeof criterionView>;

// ---- evaluation ----------------------------------------------------------------------------------

/** Loads what the given criteria read, in a fixed number of queries however much data there is. */
async function loadFacts(tx: Tx, specs: readonly CriterionFacts[], today: IsoDate): Promise<EvaluationFacts> {
  const kinds = new Set(specs.map((c) => c.spec.kind));
  const metricKeys = [...new Set(specs.flatMap((c) => (c.spec.kind === 'METRIC_THRESHOLD' ? [c.spec.config.metricKey] : [])))];
  const evidenceCounts = specs.flatMap((c) => (c.spec.kind === 'EVIDENCE_COUNT' ? [c.spec.config] : []));

  const metrics = new Map<string, Map<IsoDate, number>>();
  if (metricKeys.length) {
    const since = fromIsoDate(earliestMetricWeek(specs.map((c) => c.spec), today));
    const rows = await tx.metric.findMany({
      where: { key: { in: metricKeys }, archivedAt: null },
      select: { key: true, values: { where: { weekStart: { gte: since } }, select: { weekStart: true, value: true } } },
    });
    for (const m of rows) metrics.set(m.key, new Map(m.values.map((v) => [toIsoDate(v.weekStart), v.value])));
  }

  let partners: PartnerFact[] = [];
  let partnerIds: string[] = [];
  if (kinds.has('PIPELINE_COUNT') || evidenceCounts.some((c) => c.on === 'partner')) {
    const rows = await tx.partner.findMany({ where: { archivedAt: null }, select: { id: true, track: true, package: true } });
    partnerIds = rows.map((r) => r.id);
    if (kinds.has('PIPELINE_COUNT')) {
      const reached = await tx.stageTransition.findMany({
        where: { partner: { archivedAt: null } },
        distinct: ['partnerId', 'toStage'],
        select: { partnerId: true, toStage: true },
      });
      const byPartner = new Map<string, { to: (typeof reached)[number]['toStage'] }[]>();
      for (const t of reached) byPartner.set(t.partnerId, [...(byPartner.get(t.partnerId) ?? []), { to: t.toStage }]);
      partners = rows.map((p) => ({ track: p.track, package: p.package, furthest: furthestStageIndex(byPartner.get(p.id) ?? []) }));
    }
  }

  const phaseItems = new Map<string, { deliverable: string[]; gate: string[] }>();
  if (evidenceCounts.some((c) => c.on !== 'partner')) {
    const phases = await tx.phase.findMany({
      where: { plan: { isCurrent: true } },
      select: { key: true, deliverables: { where: { deletedAt: null }, select: { id: true } }, gates: { where: { deletedAt: null }, select: { id: true } } },
    });
    for (const p of phases) phaseItems.set(p.key, { deliverable: p.deliverables.map((d) => d.id), gate: p.gates.map((g) => g.id) });
  }

  // Evidence attached to the criteria's owners, to manual criteria, and to the items evidence counts look at.
  const targets: Prisma.EvidenceLinkWhereInput[] = [];
  const byType = (type: string, ids: Iterable<string>) => {
    const list = [...new Set(ids)];
    if (list.length) targets.push({ targetType: type, targetId: { in: list } });
  };
  byType('gate', [
    ...specs.filter((c) => c.owner.targetType === 'gate').map((c) => c.owner.targetId),
    ...(evidenceCounts.some((c) => c.on === 'gate') ? [...phaseItems.values()].flatMap((p) => p.gate) : []),
  ]);
  byType('deliverable', [
    ...specs.filter((c) => c.owner.targetType === 'deliverable').map((c) => c.owner.targetId),
    ...(evidenceCounts.some((c) => c.on === 'deliverable') ? [...phaseItems.values()].flatMap((p) => p.deliverable) : []),
  ]);
  byType('criterion', specs.filter((c) => c.spec.kind === 'MANUAL').map((c) => c.id));
  if (evidenceCounts.some((c) => c.on === 'partner')) byType('partner', partnerIds);

  const evidenceOn = new Map<string, EvidenceFact[]>();
  if (targets.length) {
    const links = await tx.evidenceLink.findMany({
      where: { OR: targets, evidence: { archivedAt: null } },
      select: {
        targetType: true,
        targetId: true,
        evidence: { select: { id: true, kind: true, health: true, result: true, capturedOn: true, createdAt: true } },
      },
    });
    for (const l of links) {
      const key = `${l.targetType}:${l.targetId}`;
      const fact: EvidenceFact = { ...l.evidence, capturedOn: toIsoDate(l.evidence.capturedOn), createdAt: l.evidence.createdAt.toISOString() };
      evidenceOn.set(key, [...(evidenceOn.get(key) ?? []), fact]);
    }
  }
  return { today, metrics, partners, evidenceOn, phaseItems, partnerIds };
}

interface CriterionFacts {
  id: string;
  spec: CriterionSpec;
  checked: boolean;
  owner: { targetType: 'gate' | 'deliverable'; targetId: string };
}

/**
 * Re-evaluates every live criterion against the data as this transaction sees it, stores the results,
 * and records each criterion that flipped (met ↔ unmet) in the audit trail as `criterion.flip`.
 * Call it in the same transaction as any write that changes a criterion's inputs: partner stages,
 * evidence and its links or health, metric values.
 */
export async function reevaluateCriteria(tx: Tx, actor: Actor, today: IsoDate): Promise<{ evaluated: number; flipped: number }> {
  await lockCriteria(tx);
  const rows = await tx.criterion.findMany({
    where: { deletedAt: null, OR: [{ gate: { deletedAt: null } }, { deliverable: { deletedAt: null } }] },
    select: { id: true, kind: true, config: true, checked: true, gateId: true, deliverableId: true, met: true, currentValue: true, targetValue: true, detail: true },
  });
  const parsed = rows.map((row) => ({ row, spec: specOf(row) }));
  const valid = parsed.flatMap(({ row, spec }) => (spec ? [{ id: row.id, spec, checked: row.checked, owner: ownerOf(row) }] : []));
  const facts = await loadFacts(tx, valid, today);
  const now = new Date();
  const unchanged: string[] = [];
  let flipped = 0;
  for (const { row, spec } of parsed) {
    const next = spec
      ? evaluateCriterion({ id: row.id, spec, checked: row.checked, owner: ownerOf(row) }, facts)
      : { met: false, current: null, target: null, detail: 'This criterion is not configured correctly; edit it' };
    if (!evaluationChanged(row, next)) {
      unchanged.push(row.id);
      continue;
    }
    await tx.criterion.update({
      where: { id: row.id },
      data: { met: next.met, currentValue: next.current, targetValue: next.target, detail: next.detail, evaluatedAt: now },
    });
    if (next.met !== row.met) {
      flipped++;
      await recordAudit(tx, actor, {
        action: 'criterion.flip',
        entityType: 'criterion',
        entityId: row.id,
        changes: {
          met: { from: row.met, to: next.met },
          detail: { from: row.detail, to: next.detail },
          ...(row.gateId ? { gateId: row.gateId } : { deliverableId: row.deliverableId }),
        },
      });
    }
  }
  if (unchanged.length) await tx.criterion.updateMany({ where: { id: { in: unchanged } }, data: { evaluatedAt: now } });
  return { evaluated: rows.length, flipped };
}

/** Re-evaluation on its own, for the schedule (metric windows move with the calendar). */
export async function reevaluateAll(db: Db, actor: Actor, today: IsoDate) {
  return db.$transaction((tx) => reevaluateCriteria(tx, actor, today));
}

// ---- reads ---------------------------------------------------------------------------------------

/** Criteria of many gates and deliverables at once, in their order. */
export async function criteriaFor(db: Db | Tx, owners: { gateIds?: string[]; deliverableIds?: string[] }) {
  const rows = await db.criterion.findMany({
    where: {
      deletedAt: null,
      OR: [{ gateId: { in: owners.gateIds ?? [] } }, { deliverableId: { in: owners.deliverableIds ?? [] } }],
    },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: criterionSelect,
  });
  return rows.map(criterionView);
}

// ---- writes --------------------------------------------------------------------------------------

async function assertOwner(tx: Tx, owner: { gateId?: string | undefined; deliverableId?: string | undefined }) {
  const found = owner.gateId
    ? await tx.gate.findFirst({ where: { id: owner.gateId, deletedAt: null }, select: { id: true } })
    : await tx.deliverable.findFirst({ where: { id: owner.deliverableId!, deletedAt: null }, select: { id: true } });
  if (!found) throw new DomainError('INVALID', 'The gate or deliverable for this criterion does not exist', [{ path: owner.gateId ? 'gateId' : 'deliverableId', message: 'Unknown record' }]);
}

async function assertMetricExists(tx: Tx, spec: CriterionSpec) {
  if (spec.kind !== 'METRIC_THRESHOLD') return;
  const metric = await tx.metric.findFirst({ where: { key: spec.config.metricKey, archivedAt: null }, select: { id: true } });
  if (!metric) throw new DomainError('INVALID', `There is no metric ${spec.config.metricKey}`, [{ path: 'spec.config.metricKey', message: 'Unknown metric' }]);
}

const ownerWhere = (owner: { gateId?: string | undefined; deliverableId?: string | undefined }) =>
  owner.gateId ? { gateId: owner.gateId } : { deliverableId: owner.deliverableId! };

export async function createCriterion(db: Db, actor: Actor, input: z.output<typeof criterionCreateInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    await assertOwner(tx, input);
    await assertMetricExists(tx, input.spec);
    const { _max } = await tx.criterion.aggregate({ where: ownerWhere(input), _max: { position: true } });
    // Deleted siblings keep their keys: a key once given never names another criterion.
    const siblings = await tx.criterion.findMany({ where: ownerWhere(input), select: { key: true } });
    const created = await tx.criterion.create({
      data: {
        ...ownerWhere(input),
        key: uniqueKey(criterionKeyBase(input.spec), siblings.map((c) => c.key)),
        title: input.title,
        kind: input.spec.kind,
        config: input.spec.config,
        position: (_max.position ?? -1) + 1,
        detail: 'Not evaluated yet',
      },
      select: { id: true, version: true },
    });
    await recordAudit(tx, actor, {
      action: 'criterion.create',
      entityType: 'criterion',
      entityId: created.id,
      changes: { title: input.title, kind: input.spec.kind, config: input.spec.config, ...ownerWhere(input) },
    });
    await reevaluateCriteria(tx, actor, today);
    return created;
  });
}

async function loadCriterion(tx: Tx, id: string, version?: number) {
  const row = await tx.criterion.findFirst({ where: { id, deletedAt: null }, select: criterionSelect });
  if (!row) throw notFound('Criterion', id);
  if (version !== undefined && row.version !== version) {
    const current = { title: row.title, kind: row.kind, config: row.config, checked: row.checked, version: row.version };
    throw await staleConflict(tx, { what: 'This criterion', entityType: 'criterion', entityId: id, current });
  }
  return row;
}

export async function updateCriterion(db: Db, actor: Actor, input: z.output<typeof criterionUpdateInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const current = await loadCriterion(tx, input.id, input.version);
    if (input.spec) await assertMetricExists(tx, input.spec);
    const kindChanged = input.spec !== undefined && input.spec.kind !== current.kind;
    await tx.criterion.update({
      where: { id: input.id },
      data: {
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.spec ? { kind: input.spec.kind, config: input.spec.config } : {}),
        // A tick belongs to the criterion it was given for.
        ...(kindChanged ? { checked: false, checkedByName: null, checkedAt: null } : {}),
        version: { increment: 1 },
      },
    });
    await recordAudit(tx, actor, {
      action: 'criterion.update',
      entityType: 'criterion',
      entityId: input.id,
      changes: {
        ...(input.title !== undefined && input.title !== current.title ? { title: { from: current.title, to: input.title } } : {}),
        ...(input.spec ? { spec: { from: { kind: current.kind, config: current.config }, to: input.spec } } : {}),
      },
    });
    await reevaluateCriteria(tx, actor, today);
    return { id: input.id, version: current.version + 1 };
  });
}

export async function tickCriterion(db: Db, actor: Actor, input: z.output<typeof criterionTickInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const current = await loadCriterion(tx, input.id, input.version);
    if (current.kind !== 'MANUAL') throw new DomainError('PRECONDITION_FAILED', 'Only manual criteria are ticked; the others are evaluated from data');
    if (input.checked) {
      const given = input.evidenceIds.length
        ? await tx.evidence.findMany({ where: { id: { in: input.evidenceIds }, archivedAt: null }, select: { id: true, health: true, title: true } })
        : [];
      if (given.length !== new Set(input.evidenceIds).size) throw new DomainError('INVALID', 'Some of that evidence does not exist', [{ path: 'evidenceIds', message: 'Unknown evidence' }]);
      const attached = await tx.evidenceLink.count({ where: { targetType: 'criterion', targetId: input.id, evidence: { archivedAt: null, health: { not: 'BROKEN' } } } });
      const usable = given.filter((e) => e.health !== 'BROKEN');
      if (attached + usable.length === 0) {
        throw new DomainError('INVALID', 'Ticking needs at least one evidence link that is not broken', [{ path: 'evidenceIds', message: 'Add evidence' }]);
      }
      for (const e of given) {
        await tx.evidenceLink.upsert({
          where: { evidenceId_targetType_targetId: { evidenceId: e.id, targetType: 'criterion', targetId: input.id } },
          create: { evidenceId: e.id, targetType: 'criterion', targetId: input.id, byName: actor.name },
          update: {},
        });
      }
    }
    await tx.criterion.update({
      where: { id: input.id },
      data: input.checked
        ? { checked: true, checkedByName: actor.name, checkedAt: new Date(), version: { increment: 1 } }
        : { checked: false, checkedByName: null, checkedAt: null, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: 'criterion.tick',
      entityType: 'criterion',
      entityId: input.id,
      changes: { checked: { from: current.checked, to: input.checked }, evidenceIds: input.evidenceIds },
    });
    await reevaluateCriteria(tx, actor, today);
    return { id: input.id, version: current.version + 1 };
  });
}

export async function setCriterionDeleted(db: Db, actor: Actor, id: string, deleted: boolean, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const { count } = await tx.criterion.updateMany({
      where: { id, deletedAt: deleted ? null : { not: null } },
      data: { deletedAt: deleted ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) throw notFound(deleted ? 'Criterion' : 'Deleted criterion', id);
    const row = await tx.criterion.findUniqueOrThrow({ where: { id }, select: { title: true, kind: true, config: true, gateId: true, deliverableId: true } });
    await recordAudit(tx, actor, {
      action: deleted ? 'criterion.delete' : 'criterion.restore',
      entityType: 'criterion',
      entityId: id,
      changes: row,
    });
    await reevaluateCriteria(tx, actor, today);
    return { id };
  });
}

export async function reorderCriteria(db: Db, actor: Actor, input: z.output<typeof criterionReorderInput>) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const current = await tx.criterion.findMany({
      where: { ...ownerWhere(input), deletedAt: null },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: { id: true },
    });
    const check = checkReorder(current.map((r) => r.id), input.orderedIds);
    if (!check.ok) throw new DomainError('CONFLICT', `${check.reason}; reload and try again`);
    for (const [position, id] of input.orderedIds.entries()) await tx.criterion.update({ where: { id }, data: { position } });
    await recordAudit(tx, actor, {
      action: 'criterion.reorder',
      entityType: input.gateId ? 'gate' : 'deliverable',
      entityId: (input.gateId ?? input.deliverableId)!,
      changes: { order: { from: current.map((r) => r.id), to: input.orderedIds } },
    });
    return { ok: true };
  });
}
