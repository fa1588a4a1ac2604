// The phase scorecard: counts, days, health, exit readiness and the deliverables burn-up, computed
// from plain data so every rule can be checked by hand. scorecard.service.ts loads the data.
import { addDays, daysBetween, type IsoDate } from '../../lib/dates.js';
import type { AuditAction, ParsedAuditEvent } from '../audit/audit-actions.schema.js';
import type { DeliverableStatus } from '../deliverables/deliverables.schema.js';
import type { LinkHealth } from '../evidence/evidence.schema.js';
import type { GateStatus } from '../gates/gates.schema.js';
import { isOverdue } from '../plans/plan-item.rules.js';
import type { TimelineState } from '../plans/plans.schema.js';

// ---- inputs ----------------------------------------------------------------------------------------

/** A deliverable of the plan (any phase, archived included: history needs the ones that left). */
export interface ScorecardDeliverable {
  id: string;
  phaseId: string;
  status: DeliverableStatus;
  dueDate: IsoDate | null;
  /** The day it was completed, while it is DONE. */
  completedOn: IsoDate | null;
  /** The day it was archived, while it is archived. */
  deletedOn: IsoDate | null;
}

export interface ScorecardGate {
  id: string;
  status: GateStatus;
  dueDate: IsoDate | null;
}

/** A live criterion of one of the phase's live gates or deliverables. */
export interface ScorecardCriterion {
  id: string;
  gateId: string | null;
  deliverableId: string | null;
  met: boolean;
}

/** Evidence (not archived) attached to a gate, deliverable or criterion. */
export interface ScorecardEvidenceLink {
  evidenceId: string;
  health: LinkHealth;
  targetType: string;
  targetId: string;
}

/** One recorded change of a deliverable, read from the audit trail (see `deliverableChange`). */
export interface DeliverableChange {
  deliverableId: string;
  /** The day it happened (the server's calendar). */
  on: IsoDate;
  kind: 'create' | 'update' | 'delete' | 'restore';
  /** create: the status it was created with (`from` null); update: the status change, if any. */
  status?: { from: DeliverableStatus | null; to: DeliverableStatus };
  /** create: the phase it was created in; update: a move to another phase, if any. */
  phase?: { from: string | null; to: string };
}

export interface ScorecardInput {
  phaseId: string;
  startDate: IsoDate;
  /** The phase's last day (inclusive). */
  endDate: IsoDate;
  today: IsoDate;
  deliverables: ScorecardDeliverable[];
  /** The phase's live gates. */
  gates: ScorecardGate[];
  criteria: ScorecardCriterion[];
  evidence: ScorecardEvidenceLink[];
  /** Every change of the deliverables above, oldest first. */
  changes: DeliverableChange[];
}

// ---- the audit trail -------------------------------------------------------------------------------

/** The audit actions the burn-up replays. */
export const deliverableActions = ['deliverable.create', 'deliverable.update', 'deliverable.delete', 'deliverable.restore'] as const satisfies readonly AuditAction[];
export type DeliverableEvent = ParsedAuditEvent<{ entityId: string; on: IsoDate }, (typeof deliverableActions)[number]>;

/**
 * A deliverable's audit event, parsed by its action's schema (audit-actions.schema.ts), as a change the
 * burn-up can replay: a create's status and phase, an update's status change and move, and the archive.
 */
export function deliverableChange(event: DeliverableEvent): DeliverableChange {
  const base = { deliverableId: event.entityId, on: event.on };
  switch (event.action) {
    case 'deliverable.create': {
      const { status, phaseId } = event.changes;
      return { ...base, kind: 'create', ...(status && { status: { from: null, to: status } }), ...(phaseId && { phase: { from: null, to: phaseId } }) };
    }
    case 'deliverable.update': {
      const { status, phaseId } = event.changes;
      return { ...base, kind: 'update', ...(status && { status }), ...(phaseId && { phase: phaseId }) };
    }
    case 'deliverable.delete':
      return { ...base, kind: 'delete' };
    case 'deliverable.restore':
      return { ...base, kind: 'restore' };
  }
}

// ---- days ------------------------------------------------------------------------------------------

export interface PhaseDays {
  state: TimelineState;
  /** Calendar days of the phase, both ends included: phase A (days 0–30) has 31. */
  total: number;
  /** Days gone before today; today itself still counts as left. */
  elapsed: number;
  left: number;
  untilStart: number;
  sinceEnd: number;
}

export function phaseDays(startDate: IsoDate, endDate: IsoDate, today: IsoDate): PhaseDays {
  const total = daysBetween(startDate, endDate) + 1;
  const offset = daysBetween(startDate, today);
  const elapsed = Math.min(Math.max(offset, 0), total);
  return {
    state: offset < 0 ? 'before' : offset >= total ? 'after' : 'inside',
    total,
    elapsed,
    left: total - elapsed,
    untilStart: Math.max(-offset, 0),
    sinceEnd: Math.max(daysBetween(endDate, today), 0),
  };
}

// ---- counts ----------------------------------------------------------------------------------------

export interface ScorecardCounts {
  /** `total` leaves dropped deliverables out; `dropped` says how many. */
  deliverables: { done: number; total: number; dropped: number; open: number; overdue: number };
  gates: { passed: number; total: number; failed: number; blocked: number; atRisk: number; overdue: number };
  /** Criteria of the phase's gates and of its deliverables (not of dropped ones). */
  criteria: { met: number; total: number };
  /** Distinct evidence attached to the phase's gates, deliverables and their criteria. */
  evidence: { broken: number; total: number };
}

/** The phase's live deliverables (archived ones and those moved elsewhere left out). */
function currentDeliverables(input: ScorecardInput) {
  return input.deliverables.filter((d) => d.phaseId === input.phaseId && d.deletedOn === null);
}

export function scorecardCounts(input: ScorecardInput): ScorecardCounts {
  const deliverables = currentDeliverables(input);
  const counted = deliverables.filter((d) => d.status !== 'DROPPED');
  const done = counted.filter((d) => d.status === 'DONE').length;

  const dropped = new Set(deliverables.filter((d) => d.status === 'DROPPED').map((d) => d.id));
  const criteria = input.criteria.filter((c) => !(c.deliverableId && dropped.has(c.deliverableId)));

  // Evidence of what still counts: a dropped deliverable's broken link does not hold the phase up.
  const targets = new Set([
    ...input.gates.map((g) => `gate:${g.id}`),
    ...counted.map((d) => `deliverable:${d.id}`),
    ...criteria.map((c) => `criterion:${c.id}`),
  ]);
  const health = new Map<string, LinkHealth>();
  for (const link of input.evidence) if (targets.has(`${link.targetType}:${link.targetId}`)) health.set(link.evidenceId, link.health);

  const gatesWith = (status: GateStatus) => input.gates.filter((g) => g.status === status).length;
  return {
    deliverables: {
      done,
      total: counted.length,
      dropped: dropped.size,
      open: counted.length - done,
      overdue: counted.filter((d) => isOverdue(d, input.today)).length,
    },
    gates: {
      passed: gatesWith('PASSED'),
      total: input.gates.length,
      failed: gatesWith('FAILED'),
      blocked: gatesWith('BLOCKED'),
      atRisk: gatesWith('AT_RISK'),
      overdue: input.gates.filter((g) => isOverdue(g, input.today)).length,
    },
    criteria: { met: criteria.filter((c) => c.met).length, total: criteria.length },
    evidence: { broken: [...health.values()].filter((h) => h === 'BROKEN').length, total: health.size },
  };
}

// ---- health ----------------------------------------------------------------------------------------

export type PhaseHealth = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK';
type Severity = Exclude<PhaseHealth, 'ON_TRACK'>;

/** Why a phase is not on track; `params` fill the sentence the web shows for the code. */
export type HealthReason = { severity: Severity } & (
  | { code: 'gateFailed' | 'gateBlocked' | 'gateAtRisk' | 'overdueGates' | 'overdueDeliverables' | 'brokenEvidence'; params: { count: number } }
  | { code: 'endedDeliverablesOpen' | 'endedGatesOpen'; params: { count: number; daysSinceEnd: number } }
  | { code: 'behindSchedule'; params: { donePct: number; elapsedPct: number } }
  | { code: 'criteriaUnmet'; params: { count: number; daysLeft: number } }
);

/** Done % may trail elapsed % by this many points before the phase is at risk… */
export const BEHIND_AT_RISK_POINTS = 25;
/** …and by this many before it is off track. */
export const BEHIND_OFF_TRACK_POINTS = 50;
/** Overdue deliverables put the phase off track from this share of its deliverables. */
export const OVERDUE_OFF_TRACK_SHARE = 0.25;
/** Unmet criteria put the phase at risk once fewer days than this are left. */
export const CRITERIA_WARNING_DAYS = 7;

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/**
 * Health from the counts and the days: off track when a gate failed or is blocked, the phase ended
 * with work open, most deliverables are overdue, or done trails elapsed by half the phase; at risk on
 * smaller versions of the same signals and on broken evidence. Worst reason first.
 */
export function phaseHealth(counts: ScorecardCounts, days: PhaseDays): { status: PhaseHealth; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  const { deliverables: d, gates: g, criteria: c } = counts;

  if (g.failed > 0) reasons.push({ code: 'gateFailed', severity: 'OFF_TRACK', params: { count: g.failed } });
  if (g.blocked > 0) reasons.push({ code: 'gateBlocked', severity: 'OFF_TRACK', params: { count: g.blocked } });

  if (days.state === 'after') {
    // Once the phase is over every open item is late: say so once, not again as "overdue".
    const gatesOpen = g.total - g.passed - g.failed;
    if (d.open > 0) reasons.push({ code: 'endedDeliverablesOpen', severity: 'OFF_TRACK', params: { count: d.open, daysSinceEnd: days.sinceEnd } });
    if (gatesOpen > 0) reasons.push({ code: 'endedGatesOpen', severity: 'OFF_TRACK', params: { count: gatesOpen, daysSinceEnd: days.sinceEnd } });
  } else {
    if (d.overdue > 0) {
      const severity = d.overdue / d.total >= OVERDUE_OFF_TRACK_SHARE ? 'OFF_TRACK' : 'AT_RISK';
      reasons.push({ code: 'overdueDeliverables', severity, params: { count: d.overdue } });
    }
    if (g.overdue > 0) reasons.push({ code: 'overdueGates', severity: 'AT_RISK', params: { count: g.overdue } });
  }

  if (days.state === 'inside' && d.total > 0) {
    const donePct = pct(d.done, d.total);
    const elapsedPct = pct(days.elapsed, days.total);
    const behind = elapsedPct - donePct;
    if (behind > BEHIND_AT_RISK_POINTS) {
      reasons.push({ code: 'behindSchedule', severity: behind > BEHIND_OFF_TRACK_POINTS ? 'OFF_TRACK' : 'AT_RISK', params: { donePct, elapsedPct } });
    }
  }

  const unmet = c.total - c.met;
  if (unmet > 0 && (days.state === 'after' || (days.state === 'inside' && days.left < CRITERIA_WARNING_DAYS))) {
    reasons.push({ code: 'criteriaUnmet', severity: days.state === 'after' ? 'OFF_TRACK' : 'AT_RISK', params: { count: unmet, daysLeft: days.left } });
  }
  if (g.atRisk > 0) reasons.push({ code: 'gateAtRisk', severity: 'AT_RISK', params: { count: g.atRisk } });
  if (counts.evidence.broken > 0) reasons.push({ code: 'brokenEvidence', severity: 'AT_RISK', params: { count: counts.evidence.broken } });

  // Stable: reasons of one severity keep the order above.
  reasons.sort((a, b) => Number(b.severity === 'OFF_TRACK') - Number(a.severity === 'OFF_TRACK'));
  const status: PhaseHealth = reasons.length === 0 ? 'ON_TRACK' : reasons[0]!.severity;
  return { status, reasons };
}

// ---- exit readiness --------------------------------------------------------------------------------

export type ReadinessKey = 'deliverablesClosed' | 'gatesPassed' | 'criteriaMet' | 'evidenceHealthy' | 'noGateBlocked';

/** One check: `count` of `total` items satisfy it; ok when all do. */
export interface ReadinessItem {
  key: ReadinessKey;
  ok: boolean;
  count: number;
  total: number;
}

/**
 * Can the phase exit? Every deliverable done or dropped, every gate passed (a Conditional Go is a
 * PASSED gate, its outstanding items tracked on the gate), every criterion met, no broken evidence
 * and no blocked gate. A phase with nothing in it has nothing holding it back.
 */
export function exitReadiness(counts: ScorecardCounts): { canExit: boolean; open: number; items: ReadinessItem[] } {
  const { deliverables: d, gates: g, criteria: c, evidence: e } = counts;
  const item = (key: ReadinessKey, count: number, total: number): ReadinessItem => ({ key, ok: count === total, count, total });
  const items = [
    item('deliverablesClosed', d.done + d.dropped, d.total + d.dropped),
    item('gatesPassed', g.passed, g.total),
    item('criteriaMet', c.met, c.total),
    item('evidenceHealthy', e.total - e.broken, e.total),
    item('noGateBlocked', g.total - g.blocked, g.total),
  ];
  const open = items.filter((i) => !i.ok).length;
  return { canExit: open === 0, open, items };
}

// ---- burn-up ---------------------------------------------------------------------------------------

export interface BurnUpPoint {
  date: IsoDate;
  /** Days since the phase's start, for a time axis. */
  day: number;
  /** Deliverables due by this date (dropped ones left out; no due date: due on the phase's last day). */
  due: number;
  /** Deliverables done at the end of this day, from the recorded history; null after today. */
  done: number | null;
  /** Deliverables in the phase at the end of this day (not dropped, not archived); null after today. */
  scope: number | null;
}

/** Phases up to this long get a point a day; longer ones a point a week. */
export const DAILY_UP_TO_DAYS = 45;

interface DeliverableState {
  exists: boolean;
  live: boolean;
  status: DeliverableStatus;
  phaseId: string;
}

interface Step {
  on: IsoDate;
  apply: (state: DeliverableState) => DeliverableState;
}

/**
 * A deliverable's state before its first recorded change, and the changes after it. Without a
 * recorded status change (seeded or copied plans) completion falls back to `completedOn`, and the
 * archive to `deletedOn`. Changes dated after today count on today: nothing happens later than the
 * scorecard's today, whatever clock stamped the event.
 */
function deliverableHistory(d: ScorecardDeliverable, changes: DeliverableChange[], today: IsoDate): { initial: DeliverableState; steps: Step[] } {
  const statusChanges = changes.filter((c) => c.status);
  const phaseChanges = changes.filter((c) => c.phase);
  const archiveChanges = changes.filter((c) => c.kind === 'delete' || c.kind === 'restore');
  const created = changes.some((c) => c.kind === 'create');
  const clamp = (on: IsoDate) => (on > today ? today : on);

  const initial: DeliverableState = {
    exists: !created,
    live: archiveChanges.length > 0 ? archiveChanges[0]!.kind === 'delete' : d.deletedOn === null,
    status: statusChanges.length > 0 ? (statusChanges[0]!.status!.from ?? d.status) : d.status,
    phaseId: phaseChanges.length > 0 ? (phaseChanges[0]!.phase!.from ?? d.phaseId) : d.phaseId,
  };
  const steps: Step[] = changes.map((c) => ({
    on: clamp(c.on),
    apply: (s) => ({
      exists: s.exists || c.kind === 'create',
      live: c.kind === 'delete' ? false : c.kind === 'restore' || c.kind === 'create' ? true : s.live,
      status: c.status?.to ?? s.status,
      phaseId: c.phase?.to ?? s.phaseId,
    }),
  }));

  if (statusChanges.length === 0 && d.status === 'DONE' && d.completedOn) {
    initial.status = 'IN_PROGRESS';
    steps.push({ on: clamp(d.completedOn), apply: (s) => ({ ...s, status: 'DONE' }) });
  }
  if (archiveChanges.length === 0 && d.deletedOn) {
    initial.live = true;
    steps.push({ on: clamp(d.deletedOn), apply: (s) => ({ ...s, live: false }) });
  }
  // Stable sort: changes of one day keep their recorded order.
  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { initial, steps };
}

/**
 * Each deliverable's state on a rising sequence of dates: every history is replayed once, forward, so
 * the burn-up costs points × deliverables + changes rather than points × changes.
 */
function replay(histories: { initial: DeliverableState; steps: Step[] }[]) {
  const cursors = histories.map((h) => ({ h, next: 0, state: h.initial }));
  return (date: IsoDate): DeliverableState[] =>
    cursors.map((c) => {
      while (c.next < c.h.steps.length && c.h.steps[c.next]!.on <= date) c.state = c.h.steps[c.next++]!.apply(c.state);
      return c.state;
    });
}

/** The days the burn-up has a point on: each day (or week) from the start, the last day, and today. */
export function burnUpDates(startDate: IsoDate, endDate: IsoDate, today: IsoDate): IsoDate[] {
  const total = daysBetween(startDate, endDate);
  const step = total + 1 <= DAILY_UP_TO_DAYS ? 1 : 7;
  const days = new Set<number>();
  for (let day = 0; day < total; day += step) days.add(day);
  days.add(total);
  const todayOffset = daysBetween(startDate, today);
  if (todayOffset > 0 && todayOffset < total) days.add(todayOffset);
  return [...days].sort((a, b) => a - b).map((day) => addDays(startDate, day));
}

/**
 * Deliverables due against deliverables done over the phase, with its scope. Done and scope are
 * replayed from each deliverable's recorded status changes (DONE entered and left: a re-opened
 * deliverable drops out again), moves between phases and archiving, up to today; due is today's plan
 * drawn over the whole phase.
 */
export function burnUp(input: ScorecardInput): { granularity: 'day' | 'week'; points: BurnUpPoint[] } {
  const { startDate, endDate, today, phaseId } = input;
  const byDeliverable = new Map<string, DeliverableChange[]>();
  for (const change of input.changes) {
    const list = byDeliverable.get(change.deliverableId) ?? [];
    list.push(change);
    byDeliverable.set(change.deliverableId, list);
  }
  const histories = input.deliverables.map((d) => deliverableHistory(d, byDeliverable.get(d.id) ?? [], today));
  const dueDates = currentDeliverables(input)
    .filter((d) => d.status !== 'DROPPED')
    .map((d) => d.dueDate ?? endDate);

  // The dates rise, so the replay only ever moves forward.
  const statesOn = replay(histories);
  const points = burnUpDates(startDate, endDate, today).map((date): BurnUpPoint => {
    const due = dueDates.filter((d) => d <= date).length;
    if (date > today) return { date, day: daysBetween(startDate, date), due, done: null, scope: null };
    let done = 0;
    let scope = 0;
    for (const s of statesOn(date)) {
      if (!s.exists || !s.live || s.phaseId !== phaseId || s.status === 'DROPPED') continue;
      scope++;
      if (s.status === 'DONE') done++;
    }
    return { date, day: daysBetween(startDate, date), due, done, scope };
  });
  return { granularity: daysBetween(startDate, endDate) + 1 <= DAILY_UP_TO_DAYS ? 'day' : 'week', points };
}

// ---- the whole scorecard ---------------------------------------------------------------------------

export function phaseScorecard(input: ScorecardInput) {
  const counts = scorecardCounts(input);
  const days = phaseDays(input.startDate, input.endDate, input.today);
  return {
    ...counts,
    days,
    health: phaseHealth(counts, days),
    readiness: exitReadiness(counts),
    burnUp: burnUp(input),
  };
}
export type PhaseScorecard = ReturnType<typeof phaseScorecard>;
