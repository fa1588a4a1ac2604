import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { toIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError } from '../../lib/errors.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import { createEvidenceInTx, evidenceForTarget } from '../evidence/evidence.service.js';
import { gateHealthFor } from '../gates/gates.service.js';
import { gateKeyOf, parseRecordKey } from '../gates/gate-keys.rules.js';
import type { evidenceReportInput, gateRunInput } from './gate-runs.schema.js';

interface ResolvedKey {
  gate: { id: string; key: string; title: string };
  criterion: { id: string; key: string; title: string } | null;
}

/** The live gate (and criterion) of the current plan a key names; INVALID on `key` otherwise. */
export async function resolveRecordKey(tx: Tx | Db, key: string): Promise<ResolvedKey> {
  const parts = parseRecordKey(key);
  const unknown = (message: string) => new DomainError('INVALID', message, [{ path: 'key', message: 'Unknown key' }]);
  if (!parts) throw unknown(`${key} is not a gate or criterion key`);
  const gate = await tx.gate.findFirst({
    where: { key: parts.gate, deletedAt: null, phase: { key: parts.phase, plan: { isCurrent: true } } },
    select: { id: true, key: true, title: true, criteria: parts.criterion ? { where: { key: parts.criterion, deletedAt: null }, select: { id: true, key: true, title: true } } : false },
  });
  if (!gate) throw unknown(`The current plan has no gate ${gateKeyOf(parts.phase, parts.gate)}`);
  const fullKey = gateKeyOf(parts.phase, gate.key);
  const criterion = parts.criterion ? (gate.criteria?.[0] ?? null) : null;
  if (parts.criterion && !criterion) throw unknown(`Gate ${fullKey} has no criterion ${parts.criterion}`);
  return {
    gate: { id: gate.id, key: fullKey, title: gate.title },
    criterion: criterion ? { ...criterion, key: `${fullKey}.${criterion.key}` } : null,
  };
}

async function gateCriteria(tx: Tx, gateId: string) {
  const rows = await tx.criterion.findMany({
    where: { gateId, deletedAt: null },
    orderBy: { position: 'asc' },
    select: { id: true, key: true, title: true, met: true, detail: true },
  });
  return rows;
}

/**
 * A CI run of a gate, as gate-run evidence attached to the gate. The run's `runId` makes it idempotent:
 * reporting a run again answers as the first time did and writes nothing. The gate's criteria are
 * re-evaluated in the same transaction, so a streak criterion turns green (or red) with the run.
 */
export async function recordGateRun(db: Db, actor: Actor, input: z.output<typeof gateRunInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const { gate } = await resolveRecordKey(tx, input.key);
    const earlier = await tx.evidence.findUnique({ where: { runId: input.runId }, select: { id: true, links: { where: { targetType: 'gate' }, select: { targetId: true } } } });
    if (earlier) {
      if (!earlier.links.some((l) => l.targetId === gate.id)) {
        throw new DomainError('CONFLICT', `Run ${input.runId} was reported for another gate`, [{ path: 'runId', message: 'Already reported for another gate' }]);
      }
      return { evidenceId: earlier.id, created: false, gate, criteria: await gateCriteria(tx, gate.id) };
    }
    const ranOn = new Date(input.ranAt).toISOString().slice(0, 10);
    const created = await createEvidenceInTx(
      tx,
      actor,
      {
        title: `Gate run ${input.runId}${input.branch ? ` on ${input.branch}` : ''}`.slice(0, 200),
        url: input.url,
        kind: 'GATE_RUN',
        capturedOn: ranOn,
        result: input.result === 'passed' ? 'PASSED' : 'FAILED',
        note: input.summary,
        // A run's page records a moment, not content that should stay the same.
        livePage: false,
        attachTo: { targetType: 'gate', targetId: gate.id },
      },
      { runId: input.runId, commit: input.commit ?? null, branch: input.branch ?? null },
    );
    await reevaluateCriteria(tx, actor, today);
    return { evidenceId: created.id, created: true, gate, criteria: await gateCriteria(tx, gate.id) };
  });
}

/** Release evidence, an artifact or a report, attached to the gate or criterion the key names. */
export async function recordEvidenceByKey(db: Db, actor: Actor, input: z.output<typeof evidenceReportInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx);
    const { gate, criterion } = await resolveRecordKey(tx, input.key);
    const target = criterion ? { targetType: 'criterion' as const, targetId: criterion.id } : { targetType: 'gate' as const, targetId: gate.id };
    const created = await createEvidenceInTx(
      tx,
      actor,
      { title: input.title, url: input.url, kind: input.kind, capturedOn: input.capturedOn ?? today, result: null, note: input.note, livePage: false, attachTo: target },
      { commit: input.commit ?? null, branch: input.branch ?? null },
    );
    await reevaluateCriteria(tx, actor, today);
    const named = criterion ?? gate;
    return { evidenceId: created.id, attachedTo: { ...target, key: named.key, title: named.title } };
  });
}

/** The gate a key names, with each criterion's evaluation and its live evidence. */
export async function gateByKey(db: Db, key: string, today: IsoDate) {
  const { gate } = await resolveRecordKey(db, key);
  const row = await db.gate.findUniqueOrThrow({
    where: { id: gate.id },
    select: {
      id: true,
      title: true,
      status: true,
      dueDate: true,
      updatedAt: true,
      phase: { select: { key: true, name: true } },
      criteria: {
        where: { deletedAt: null },
        orderBy: { position: 'asc' },
        select: { id: true, key: true, title: true, kind: true, met: true, currentValue: true, targetValue: true, detail: true, evaluatedAt: true },
      },
    },
  });
  const [health, evidence] = await Promise.all([gateHealthFor(db, [row], today), evidenceForTarget(db, { targetType: 'gate', targetId: gate.id })]);
  const h = health.get(gate.id)!;
  const dueDate = row.dueDate ? toIsoDate(row.dueDate) : null;
  return {
    id: row.id,
    key: gate.key,
    title: row.title,
    phase: row.phase,
    status: row.status,
    dueDate,
    overdue: row.status !== 'PASSED' && row.status !== 'FAILED' && dueDate !== null && dueDate < today,
    health: { suggested: h.health, flagged: h.flagged, criteriaMet: h.criteriaMet, criteriaTotal: h.criteriaTotal, brokenEvidence: h.brokenEvidence },
    criteria: row.criteria.map((c) => ({ ...c, evaluatedAt: c.evaluatedAt?.toISOString() ?? null })),
    evidence: evidence.map((e) => ({ id: e.id, title: e.title, url: e.url, kind: e.kind, capturedOn: e.capturedOn, result: e.result, health: e.health })),
  };
}
