import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { toIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { criteriaFor, lockCriteria } from '../criteria/criteria.service.js';
import { evidenceForTarget } from '../evidence/evidence.service.js';
import {
  archiveItem,
  assertPhaseExists,
  auditItemCreated,
  auditItemUpdated,
  dueDateData,
  loadForUpdate,
  nextPosition,
  reorderItems,
  restoreItem,
  writeVersioned,
} from '../plans/plan-items.service.js';
import { forbidden } from '../../lib/errors.js';
import type { GateStatus, gateCreateInput, gateSetStatusInput, gateUpdateInput } from './gates.schema.js';
import { freezeDecisionPack } from './decision-pack.service.js';
import { slugKey, uniqueKey } from './gate-keys.rules.js';
import { disagrees, maySetGateStatus, statusChangeProblem, suggestGateHealth, type GateHealthFacts, type Suggestion } from './gates.rules.js';

function checkStatusRight(actor: Actor, status: GateStatus | undefined) {
  if (status !== undefined && !maySetGateStatus(actor.role, status)) {
    throw forbidden('Marking a gate passed or failed is a leadership decision');
  }
}

export async function createGate(db: Db, actor: Actor, input: z.output<typeof gateCreateInput>) {
  checkStatusRight(actor, input.status);
  return db.$transaction(async (tx) => {
    await assertPhaseExists(tx, input.phaseId);
    const position = await nextPosition(tx, 'gate', input.phaseId);
    const key = await freeGateKey(tx, input.phaseId, slugKey(input.title, 'gate'));
    const created = await tx.gate.create({ data: { ...input, ...dueDateData(input.dueDate), position, key }, select: { id: true, version: true, key: true } });
    await auditItemCreated(tx, actor, 'gate', created.id, input);
    await tx.gateStatusChange.create({ data: { gateId: created.id, fromStatus: null, toStatus: input.status, byUserId: actor.userId, byName: actor.name } });
    return created;
  });
}

/** A key no gate of the phase holds, archived ones included: a key once given is never reused for another gate. */
async function freeGateKey(tx: Tx, phaseId: string, base: string) {
  const taken = await tx.gate.findMany({ where: { phaseId, key: { startsWith: base } }, select: { key: true } });
  return uniqueKey(base, taken.map((g) => g.key));
}

export async function updateGate(db: Db, actor: Actor, input: z.output<typeof gateUpdateInput>) {
  const { id, version, phaseId, dueDate, ...fields } = input;
  return db.$transaction(async (tx) => {
    const current = await loadForUpdate(tx, 'gate', id, version);
    const data: Record<string, unknown> = { ...fields, ...dueDateData(dueDate) };
    if (phaseId !== undefined && phaseId !== current.phaseId) {
      await assertPhaseExists(tx, phaseId);
      const key = (await tx.gate.findUniqueOrThrow({ where: { id }, select: { key: true } })).key;
      Object.assign(data, { phaseId, position: await nextPosition(tx, 'gate', phaseId), key: await freeGateKey(tx, phaseId, key) });
    }
    await writeVersioned(tx, 'gate', id, version, data);
    await auditItemUpdated(tx, actor, 'gate', current, data);
    return { id, version: version + 1 };
  });
}

/** Archives a gate (undone by `restoreGate`); the trail keeps the fields it had. */
export const archiveGate = (db: Db, actor: Actor, id: string) => archiveItem(db, actor, 'gate', id);
export const restoreGate = (db: Db, actor: Actor, id: string) => restoreItem(db, actor, 'gate', id);
/** Sets the order of a phase's gates; `orderedIds` must list each of them once. */
export const reorderGates = (db: Db, actor: Actor, phaseId: string, orderedIds: string[]) => reorderItems(db, actor, 'gate', phaseId, orderedIds);

// ---- health --------------------------------------------------------------------------------------

/** The facts suggested health reads, for many gates in a fixed number of queries. */
async function healthFacts(db: Db | Tx, gates: readonly { id: string; status: GateStatus; dueDate: Date | null; updatedAt: Date }[]) {
  const ids = gates.map((g) => g.id);
  const [criteria, links] = await Promise.all([
    db.criterion.findMany({ where: { gateId: { in: ids }, deletedAt: null }, select: { gateId: true, met: true } }),
    db.evidenceLink.findMany({
      where: { targetType: 'gate', targetId: { in: ids }, evidence: { archivedAt: null } },
      select: { targetId: true, createdAt: true, evidence: { select: { kind: true, health: true, result: true, capturedOn: true, createdAt: true } } },
    }),
  ]);
  const out = new Map<string, GateHealthFacts & { healthyEvidence: number }>();
  for (const g of gates) {
    const mine = links.filter((l) => l.targetId === g.id);
    const runs = mine
      .filter((l) => l.evidence.kind === 'GATE_RUN' && l.evidence.result !== null)
      .sort((a, b) => b.evidence.capturedOn.getTime() - a.evidence.capturedOn.getTime() || b.evidence.createdAt.getTime() - a.evidence.createdAt.getTime());
    const lastLink = mine.reduce((max, l) => (l.createdAt > max ? l.createdAt : max), g.updatedAt);
    out.set(g.id, {
      status: g.status,
      dueDate: g.dueDate ? toIsoDate(g.dueDate) : null,
      criteria: criteria.filter((c) => c.gateId === g.id),
      lastActivity: toIsoDate(lastLink),
      brokenEvidence: mine.filter((l) => l.evidence.health === 'BROKEN').length,
      healthyEvidence: mine.filter((l) => l.evidence.health === 'HEALTHY').length,
      latestGateRun: runs[0] ? { result: runs[0].evidence.result!, capturedOn: toIsoDate(runs[0].evidence.capturedOn) } : null,
    });
  }
  return out;
}

export interface GateHealth extends Suggestion {
  criteriaMet: number;
  criteriaTotal: number;
  brokenEvidence: number;
  /** The set status and the suggestion are of different severity. */
  flagged: boolean;
}

/** Suggested health of many gates, keyed by gate id. */
export async function gateHealthFor(db: Db | Tx, gates: readonly { id: string; status: GateStatus; dueDate: Date | null; updatedAt: Date }[], today: IsoDate) {
  const facts = await healthFacts(db, gates);
  const out = new Map<string, GateHealth>();
  for (const g of gates) {
    const f = facts.get(g.id)!;
    const s = suggestGateHealth(f, today);
    out.set(g.id, {
      ...s,
      criteriaMet: f.criteria.filter((c) => c.met).length,
      criteriaTotal: f.criteria.length,
      brokenEvidence: f.brokenEvidence,
      flagged: disagrees(g.status, s.health),
    });
  }
  return out;
}

const gateRowSelect = {
  id: true,
  title: true,
  description: true,
  ownerName: true,
  dueDate: true,
  status: true,
  version: true,
  updatedAt: true,
  deletedAt: true,
  phase: { select: { id: true, key: true, name: true, plan: { select: { id: true, name: true, isCurrent: true } } } },
} as const;

/** A gate's page: the gate, its suggested health, criteria, evidence and status history. */
export async function gateById(db: Db, id: string, today: IsoDate) {
  const gate = await db.gate.findUnique({ where: { id }, select: gateRowSelect });
  if (!gate) throw notFound('Gate', id);
  const [health, criteria, evidence, history] = await Promise.all([
    gateHealthFor(db, [gate], today),
    criteriaFor(db, { gateIds: [id] }),
    evidenceForTarget(db, { targetType: 'gate', targetId: id }),
    db.gateStatusChange.findMany({ where: { gateId: id }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
  ]);
  const dueDate = gate.dueDate ? toIsoDate(gate.dueDate) : null;
  return {
    ...gate,
    dueDate,
    updatedAt: gate.updatedAt.toISOString(),
    deletedAt: gate.deletedAt?.toISOString() ?? null,
    overdue: gate.status !== 'PASSED' && gate.status !== 'FAILED' && dueDate !== null && dueDate < today,
    health: health.get(id)!,
    criteria,
    evidence,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

// ---- status changes ------------------------------------------------------------------------------

/**
 * Changes a gate's status under the rules of gates.rules (statusChangeProblem): decisions are
 * leadership's and need their conditions; an override of the suggested health needs a reason. Every
 * change is appended to the gate's history with the suggestion it was made against.
 */
/** The CONFLICT for a stale version of a gate: who changed it meanwhile, and its status as it is now. */
async function staleGate(tx: Tx, id: string) {
  const current = await tx.gate.findFirst({ where: { id }, select: { title: true, status: true, ownerName: true, dueDate: true, version: true } });
  return staleConflict(tx, { what: 'This gate', entityType: 'gate', entityId: id, current });
}

export async function setGateStatus(db: Db, actor: Actor, input: z.output<typeof gateSetStatusInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    // The criteria lock keeps evaluations from moving under the decision being checked.
    await lockCriteria(tx);
    const gate = await tx.gate.findFirst({ where: { id: input.id, deletedAt: null }, select: { id: true, status: true, dueDate: true, updatedAt: true, version: true } });
    if (!gate) throw notFound('Gate', input.id);
    if (gate.version !== input.version) throw await staleGate(tx, gate.id);
    const facts = (await healthFacts(tx, [gate])).get(gate.id)!;
    const suggestion = suggestGateHealth(facts, today);
    const criteria = await tx.criterion.findMany({ where: { gateId: gate.id, deletedAt: null }, select: { met: true, title: true } });
    const problem = statusChangeProblem(
      { from: gate.status, to: input.status, decision: input.decision, reason: input.reason, outstanding: input.outstanding },
      { role: actor.role, suggested: suggestion.health, criteria, healthyEvidence: facts.healthyEvidence, brokenEvidence: facts.brokenEvidence },
    );
    if (problem?.code === 'forbidden') throw forbidden(problem.message);
    if (problem?.code === 'invalid') throw new DomainError('INVALID', problem.message, [{ path: problem.path, message: problem.message }]);
    if (problem?.code === 'precondition') throw new DomainError('PRECONDITION_FAILED', problem.message);
    if (input.evidenceIds.length) {
      const found = await tx.evidence.count({ where: { id: { in: input.evidenceIds }, archivedAt: null } });
      if (found !== new Set(input.evidenceIds).size) throw new DomainError('INVALID', 'Some of that evidence does not exist', [{ path: 'evidenceIds', message: 'Unknown evidence' }]);
    }
    const { count } = await tx.gate.updateMany({ where: { id: gate.id, version: input.version }, data: { status: input.status, version: { increment: 1 } } });
    if (count === 0) throw await staleGate(tx, gate.id);
    const overrode = disagrees(input.status, suggestion.health);
    const change = await tx.gateStatusChange.create({
      select: { id: true, at: true },
      data: {
        gateId: gate.id,
        fromStatus: gate.status,
        toStatus: input.status,
        decision: input.decision,
        reason: input.reason,
        outstanding: input.outstanding,
        suggested: suggestion.health,
        overrode,
        evidenceIds: input.evidenceIds,
        byUserId: actor.userId,
        byName: actor.name,
      },
    });
    // A decision keeps what it rested on, as this transaction sees it under the criteria lock.
    const pack = input.decision
      ? await freezeDecisionPack(tx, {
          statusChangeId: change.id,
          gateId: gate.id,
          from: gate.status,
          to: input.status,
          decision: input.decision,
          reason: input.reason,
          outstanding: input.outstanding,
          suggested: suggestion.health,
          overrode,
          evidenceIds: input.evidenceIds,
          by: actor.name,
          at: change.at,
        })
      : null;
    await recordAudit(tx, actor, {
      action: 'gate.status',
      entityType: 'gate',
      entityId: gate.id,
      changes: {
        status: { from: gate.status, to: input.status },
        ...(input.decision ? { decision: input.decision } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.outstanding.length ? { outstanding: input.outstanding } : {}),
        suggested: suggestion.health,
        overrode,
        ...(pack ? { decisionPack: { id: pack.id, sha256: pack.sha256 } } : {}),
      },
    });
    return { id: gate.id, version: input.version + 1, ...(pack ? { decisionPackId: pack.id } : {}) };
  });
}
