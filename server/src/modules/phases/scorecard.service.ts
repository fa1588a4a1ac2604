import type { Db } from '../../db/database.js';
import { localToday, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { notFound } from '../../lib/errors.js';
import { phaseWindow } from '../plans/plans.rules.js';
import { parseAuditEvents } from '../audit/audit-actions.schema.js';
import { deliverableActions, deliverableChange, phaseScorecard } from './scorecard.rules.js';

const live = { deletedAt: null };

/**
 * The scorecard of one phase of a plan (the current one by default). Six queries in three rounds,
 * whatever the phase holds: the phase; the plan's deliverables (every phase, archived included, since
 * the burn-up follows items moved or archived), the phase's gates and criteria; then the deliverables'
 * recorded changes and the evidence attached to the phase's items.
 */
export async function getPhaseScorecard(db: Db, input: { key: string; planId?: string | undefined }, today: IsoDate) {
  const phase = await db.phase.findFirst({
    where: { key: input.key, plan: input.planId ? { id: input.planId } : { isCurrent: true } },
    select: { id: true, key: true, name: true, startDay: true, endDay: true, plan: { select: { id: true, startDate: true } } },
  });
  if (!phase) throw notFound('Phase', input.key);
  const planStart = toIsoDate(phase.plan.startDate);
  const window = phaseWindow(planStart, phase.startDay, phase.endDay, today);

  const [deliverables, gates, criteria] = await Promise.all([
    db.deliverable.findMany({
      where: { phase: { planId: phase.plan.id } },
      select: { id: true, phaseId: true, status: true, dueDate: true, completedAt: true, deletedAt: true },
    }),
    db.gate.findMany({ where: { phaseId: phase.id, ...live }, select: { id: true, status: true, dueDate: true } }),
    db.criterion.findMany({
      where: { ...live, OR: [{ gate: { phaseId: phase.id, ...live } }, { deliverable: { phaseId: phase.id, ...live } }] },
      select: { id: true, gateId: true, deliverableId: true, met: true },
    }),
  ]);

  const inPhase = deliverables.filter((d) => d.phaseId === phase.id && d.deletedAt === null).map((d) => d.id);
  const [events, links] = await Promise.all([
    deliverables.length === 0
      ? []
      : db.auditEvent.findMany({
          where: { entityType: 'deliverable', entityId: { in: deliverables.map((d) => d.id) }, action: { in: [...deliverableActions] } },
          // Events of one transaction share `at`; the id (UUIDv7) keeps their order.
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
          select: { action: true, entityId: true, at: true, changes: true },
        }),
    db.evidenceLink.findMany({
      where: {
        evidence: { archivedAt: null },
        OR: [
          { targetType: 'gate', targetId: { in: gates.map((g) => g.id) } },
          { targetType: 'deliverable', targetId: { in: inPhase } },
          { targetType: 'criterion', targetId: { in: criteria.map((c) => c.id) } },
        ],
      },
      select: { evidenceId: true, targetType: true, targetId: true, evidence: { select: { health: true } } },
    }),
  ]);

  // Instants become days on the server's calendar, where `today` is decided too.
  const day = (at: Date | null) => (at ? localToday(at) : null);
  const scorecard = phaseScorecard({
    phaseId: phase.id,
    startDate: window.startDate,
    endDate: window.endDate,
    today,
    deliverables: deliverables.map((d) => ({
      id: d.id,
      phaseId: d.phaseId,
      status: d.status,
      dueDate: d.dueDate ? toIsoDate(d.dueDate) : null,
      completedOn: day(d.completedAt),
      deletedOn: day(d.deletedAt),
    })),
    gates: gates.map((g) => ({ ...g, dueDate: g.dueDate ? toIsoDate(g.dueDate) : null })),
    criteria,
    evidence: links.map((l) => ({ evidenceId: l.evidenceId, targetType: l.targetType, targetId: l.targetId, health: l.evidence.health })),
    // Events whose changes do not parse (none written by this code) are left out, as before.
    changes: parseAuditEvents(events, deliverableActions).map((e) => deliverableChange({ ...e, on: localToday(e.at) })),
  });
  return {
    phase: { id: phase.id, key: phase.key, name: phase.name, startDate: window.startDate, endDate: window.endDate },
    today,
    ...scorecard,
  };
}
export type PhaseScorecardView = Awaited<ReturnType<typeof getPhaseScorecard>>;
