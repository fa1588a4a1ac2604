// The weekly review's live agenda: what happened in the review's window, read in a fixed number of
// batched queries and handed to the pure agenda rules (agenda.rules.ts). reviews.service.ts owns the
// review itself (notes, decisions, action items, closing) and asks here for the agenda it shows or freezes.
import type { Db, Tx } from '../../db/database.js';
import { addDays, fromIsoDate, toIsoDate, weekStartOf, type IsoDate } from '../../lib/dates.js';
import { parseAuditEvents } from '../audit/audit-actions.schema.js';
import { gateHealthFor } from '../gates/gates.service.js';
import { buildAgenda, reviewWindow, type AgendaHistory, type ReviewWindow } from './agenda.rules.js';
import { phaseStates } from './reviews.rules.js';

const isoOrNull = (d: Date | null) => (d ? toIsoDate(d) : null);

// ---- the agenda's history: a fixed number of batched queries ---------------------------------------

/** The current plan's phases with their deliverables and gates (one query). */
export function currentPhases(db: Db | Tx) {
  return db.phase.findMany({
    where: { plan: { isCurrent: true } },
    select: {
      key: true,
      name: true,
      startDay: true,
      deliverables: { select: { id: true, title: true, status: true, dueDate: true, completedAt: true, updatedAt: true, ownerName: true, deletedAt: true } },
      gates: { select: { id: true, title: true, status: true, dueDate: true, updatedAt: true, deletedAt: true, position: true } },
    },
  });
}
export type PhaseRows = Awaited<ReturnType<typeof currentPhases>>;

export type OpenItem = AgendaHistory['openActionItems'][number];

async function loadHistory(db: Db | Tx, phases: PhaseRows, w: ReviewWindow, openActionItems: OpenItem[]): Promise<AgendaHistory> {
  const since = { gte: w.from, lt: w.to };
  const gates = phases.flatMap((p) => p.gates.map((g) => ({ ...g, phase: { key: p.key, name: p.name, startDay: p.startDay } })));
  const deliverables = phases.flatMap((p) =>
    p.deliverables.filter((d) => d.deletedAt === null).map((d) => ({ ...d, dueDate: isoOrNull(d.dueDate), phaseKey: p.key })),
  );
  const firstWeek = fromIsoDate(addDays(weekStartOf(w.fromDate), -7));
  const [gateChanges, events, transitions, pocChanges, partners, evidenceCreated, metrics] = await Promise.all([
    db.gateStatusChange.findMany({
      where: { at: since, gate: { deletedAt: null, phase: { plan: { isCurrent: true } } } },
      select: { id: true, gateId: true, fromStatus: true, toStatus: true, decision: true, reason: true, at: true, byName: true },
    }),
    db.auditEvent.findMany({
      where: { action: { in: ['criterion.flip', 'evidence.health'] }, at: since },
      select: { action: true, entityId: true, at: true, actorName: true, changes: true },
    }),
    db.stageTransition.findMany({
      where: { at: since, partner: { archivedAt: null } },
      select: { partnerId: true, fromStage: true, toStage: true, reason: true, at: true, byName: true },
    }),
    db.pocStatusChange.findMany({
      where: { at: since, partner: { archivedAt: null } },
      select: { partnerId: true, fromStatus: true, toStatus: true, at: true, byName: true },
    }),
    db.partner.findMany({
      where: { archivedAt: null, nextStepDue: { lt: fromIsoDate(w.today) }, stage: { notIn: ['LOST', 'PAID'] } },
      select: { id: true, company: true, stage: true, nextStep: true, nextStepDue: true, owner: { select: { name: true } } },
    }),
    db.evidence.findMany({ where: { createdAt: since, archivedAt: null }, select: { id: true, title: true, kind: true, createdAt: true, addedByName: true } }),
    db.metric.findMany({
      where: { archivedAt: null },
      orderBy: { position: 'asc' },
      select: { id: true, name: true, unit: true, target: true, direction: true, values: { where: { weekStart: { gte: firstWeek } }, select: { weekStart: true, value: true } } },
    }),
  ]);

  const flips = parseAuditEvents(events, ['criterion.flip']);
  const broke = parseAuditEvents(events, ['evidence.health']).filter((e) => e.changes.health.to === 'BROKEN');
  // Names for what the window's records point at, in one more round (a nested select would cost a
  // statement per relation): flipped criteria, broken evidence, partners that moved.
  const partnerIds = [...new Set([...transitions, ...pocChanges].map((t) => t.partnerId))];
  const [criteria, brokenEvidence, movedPartners] = await Promise.all([
    flips.length ? db.criterion.findMany({ where: { id: { in: flips.map((f) => f.entityId) } }, select: { id: true, title: true, gateId: true, deliverableId: true } }) : [],
    broke.length ? db.evidence.findMany({ where: { id: { in: broke.map((b) => b.entityId) }, archivedAt: null }, select: { id: true, title: true } }) : [],
    partnerIds.length ? db.partner.findMany({ where: { id: { in: partnerIds } }, select: { id: true, company: true } }) : [],
  ]);
  const criterionById = new Map(criteria.map((c) => [c.id, c]));
  // The phase of a criterion's gate or deliverable, from the current plan already loaded.
  const phaseOf = new Map(phases.flatMap((p) => [...p.gates.map((g) => [g.id, p.key] as const), ...p.deliverables.map((d) => [d.id, p.key] as const)]));
  const company = new Map(movedPartners.map((p) => [p.id, p.company]));
  const evidenceTitle = new Map(brokenEvidence.map((e) => [e.id, e.title]));

  return {
    gates,
    deliverables,
    gateChanges,
    criterionFlips: flips.flatMap((f) => {
      const c = criterionById.get(f.entityId);
      if (!c) return [];
      const met = f.changes.met.to;
      const phaseKey = (c.gateId && phaseOf.get(c.gateId)) || (c.deliverableId && phaseOf.get(c.deliverableId)) || null;
      return [{ criterionId: c.id, title: c.title, gateId: c.gateId, deliverableId: c.deliverableId, phaseKey, met, at: f.at, byName: f.actorName }];
    }),
    stageTransitions: transitions.map((t) => ({ ...t, company: company.get(t.partnerId) ?? '' })),
    pocChanges: pocChanges.map((c) => ({ ...c, company: company.get(c.partnerId) ?? '' })),
    partners: partners.map((p) => ({ id: p.id, company: p.company, stage: p.stage, nextStep: p.nextStep, nextStepDue: isoOrNull(p.nextStepDue), ownerName: p.owner.name })),
    evidenceCreated,
    evidenceBroke: broke.flatMap((b) => {
      const title = evidenceTitle.get(b.entityId);
      if (title === undefined) return [];
      return [{ id: b.entityId, title, at: b.at, httpStatus: b.changes.httpStatus ?? null, checkError: b.changes.checkError ?? null }];
    }),
    metrics: metrics.map((m) => ({ ...m, values: m.values.map((v) => ({ weekStart: toIsoDate(v.weekStart), value: v.value })) })),
    openActionItems,
  };
}

/** The close of the last review closed before this week: where the live agenda's window starts. */
export function lastClosedBefore(db: Db | Tx, weekStart: IsoDate) {
  return db.weeklyReview.findFirst({
    where: { status: 'CLOSED', weekStart: { lt: fromIsoDate(weekStart) } },
    orderBy: { weekStart: 'desc' },
    select: { closedAt: true },
  });
}

/** Action items still open from reviews before this week (they carry over until closed). */
export async function openItemsBefore(db: Db | Tx, weekStart: IsoDate): Promise<OpenItem[]> {
  const rows = await db.actionItem.findMany({
    where: { status: 'OPEN', review: { weekStart: { lt: fromIsoDate(weekStart) } } },
    select: { id: true, title: true, ownerName: true, dueDate: true, review: { select: { weekStart: true } } },
  });
  return rows.map((a) => ({ id: a.id, title: a.title, ownerName: a.ownerName, dueDate: isoOrNull(a.dueDate), reviewWeek: toIsoDate(a.review.weekStart) }));
}

/**
 * The live agenda and phase/gate states of a review's week, as closing would freeze them, from the
 * reads that do not depend on each other (the caller may run them alongside its own).
 */
export async function computeLive(
  db: Db | Tx,
  today: IsoDate,
  now: Date,
  base: { lastClosed: { closedAt: Date | null } | null; phases: PhaseRows; openActionItems: OpenItem[] },
) {
  const window = reviewWindow(base.lastClosed?.closedAt ?? null, now, today);
  const allGates = base.phases.flatMap((p) => p.gates.filter((g) => g.deletedAt === null));
  const [history, health] = await Promise.all([loadHistory(db, base.phases, window, base.openActionItems), gateHealthFor(db, allGates, today)]);
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    agenda: buildAgenda(history, window),
    phases: phaseStates(base.phases, health),
  };
}
