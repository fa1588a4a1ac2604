import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { fromIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { diffFields } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { gateHealthFor } from '../gates/gates.service.js';
import { getCurrentPlan, getPlan } from '../plans/plans.service.js';
import type { PhaseUpdateInput } from './phases.schema.js';

/** One phase of a plan (the current one by default) with the plan's timeline around it. */
export async function getPhase(db: Db, input: { key: string; planId?: string | undefined }, today: IsoDate) {
  const plan = input.planId ? await getPlan(db, input.planId, today) : await getCurrentPlan(db, today);
  if (!plan) throw new DomainError('NOT_FOUND', 'There is no current plan yet');
  const phase = plan.phases.find((p) => p.key === input.key);
  if (!phase) throw notFound('Phase', input.key);
  const { phases, ...planSummary } = plan;
  // Each gate with the health its data suggests, beside the status people set.
  const health = await gateHealthFor(
    db,
    phase.gates.map((g) => ({ id: g.id, status: g.status, dueDate: g.dueDate ? fromIsoDate(g.dueDate) : null, updatedAt: new Date(g.updatedAt) })),
    today,
  );
  const gates = phase.gates.map((g) => ({ ...g, health: health.get(g.id)! }));
  return { plan: { ...planSummary, phaseKeys: phases.map((p) => p.key) }, phase: { ...phase, gates } };
}

export async function updatePhase(db: Db, actor: Actor, input: PhaseUpdateInput) {
  const { id, version, ...fields } = input;
  return db.$transaction(async (tx) => {
    const phase = await tx.phase.findUnique({
      where: { id },
      select: { version: true, name: true, goal: true, startDay: true, endDay: true, plan: { select: { lengthDays: true } } },
    });
    if (!phase) throw notFound('Phase', id);
    const stale = async (current: { name: string; goal: string; startDay: number; endDay: number; version: number } | null) =>
      staleConflict(tx, { what: 'This phase', entityType: 'phase', entityId: id, current });
    if (phase.version !== version) throw await stale({ name: phase.name, goal: phase.goal, startDay: phase.startDay, endDay: phase.endDay, version: phase.version });
    const startDay = fields.startDay ?? phase.startDay;
    const endDay = fields.endDay ?? phase.endDay;
    if (startDay > endDay) throw new DomainError('INVALID', 'The last day cannot come before the first', [{ path: 'endDay', message: 'Must not come before the first day' }]);
    if (endDay > phase.plan.lengthDays) {
      throw new DomainError('INVALID', `The plan has ${phase.plan.lengthDays} days`, [{ path: 'endDay', message: `At most day ${phase.plan.lengthDays}` }]);
    }
    // Conditional on the version, so the state read above is the one this write replaces.
    const { count } = await tx.phase.updateMany({ where: { id, version }, data: { ...fields, version: { increment: 1 } } });
    if (count === 0) throw await stale(await tx.phase.findUnique({ where: { id }, select: { name: true, goal: true, startDay: true, endDay: true, version: true } }));
    await recordAudit(tx, actor, { action: 'phase.update', entityType: 'phase', entityId: id, changes: diffFields(phase, fields, ['name', 'goal', 'startDay', 'endDay']) });
    return { id, version: version + 1 };
  });
}
