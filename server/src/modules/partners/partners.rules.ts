import { toIsoDate, type IsoDate } from '../../lib/dates.js';
import { can, rights } from '../users/rights.js';
import type { Role } from '../users/users.schema.js';
import { pipelineStages, type PartnerStage, type PartnerTrack, type PipelineStage } from './partners.schema.js';

const DAY_MS = 86_400_000;

// ---- rights --------------------------------------------------------------------------------------

/** Roles that may own a partner (and so appear in the owner picker). */
export const ownerRoles: readonly Role[] = rights.ownPartners;
export const mayOwnPartners = (role: string) => (ownerRoles as readonly string[]).includes(role);

/**
 * Leadership and admins edit any partner; sales edit (and hand over) the partners they own; pm and
 * viewers only read. Every partner write — update, stage, PoC, activity, archive — goes through this.
 */
export function mayEditPartner(actor: { userId: string; role: Role }, partner: { ownerId: string }): boolean {
  if (can(actor.role, 'editAnyPartner')) return true;
  return can(actor.role, 'editPartners') && partner.ownerId === actor.userId;
}

// ---- stages --------------------------------------------------------------------------------------

/** A stage's place in the pipeline, or -1 for LOST. */
export const stageIndex = (stage: PartnerStage) => (pipelineStages as readonly string[]).indexOf(stage);

export type StageMoveProblem = 'same_stage' | 'reason_required';

/**
 * Forward moves (skipping stages too) need no reason; moving backwards, to LOST, or out of LOST
 * (reopening) does.
 */
export function stageMoveProblem(from: PartnerStage, to: PartnerStage, reason: string | undefined | null): StageMoveProblem | null {
  if (from === to) return 'same_stage';
  const needsReason = to === 'LOST' || from === 'LOST' || stageIndex(to) < stageIndex(from);
  return needsReason && !reason?.trim() ? 'reason_required' : null;
}

/** The furthest pipeline stage a partner's transitions ever reached (-1: none); LOST does not count. */
export function furthestStageIndex(transitions: readonly { to: PartnerStage }[]): number {
  let furthest = -1;
  for (const t of transitions) furthest = Math.max(furthest, stageIndex(t.to));
  return furthest;
}

/** A PoC may be recorded once the partner has been in POC or later, even if since lost or moved back. */
export const hasReachedPoc = (transitions: readonly { to: PartnerStage }[]) => furthestStageIndex(transitions) >= stageIndex('POC');

/** The next step is overdue when its due date is past, unless the partner is lost. */
export function isNextStepOverdue(nextStepDue: IsoDate | null, stage: PartnerStage, today: IsoDate): boolean {
  return nextStepDue !== null && nextStepDue < today && stage !== 'LOST';
}

// ---- funnel --------------------------------------------------------------------------------------

export interface FunnelTransition {
  partnerId: string;
  from: PartnerStage | null;
  to: PartnerStage;
  at: Date;
  reason: string | null;
}

export interface FunnelPartner {
  id: string;
  track: PartnerTrack;
}

export interface StageConversion {
  from: PipelineStage;
  to: PipelineStage;
  /** Partners that ever reached `from`. */
  reached: number;
  /** Of those, partners that ever reached `to`. */
  converted: number;
  /** converted / reached, 0..1; null when nobody reached `from`. */
  rate: number | null;
}

export interface Funnel {
  asOf: IsoDate;
  partners: number;
  /** Partners that ever reached each pipeline stage (skipped stages count as reached). */
  reached: Record<PipelineStage, number>;
  conversions: StageConversion[];
  cohorts: { month: string; partners: number; reached: Record<PipelineStage, number>; conversions: StageConversion[] }[];
  /** Median whole-and-fractional days from entering a stage to leaving it; closed stays only. */
  daysInStage: { stage: PipelineStage; medianDays: number | null; samples: number }[];
  lostReasons: { reason: string; count: number }[];
  targets: { key: 'hostedPoc' | 'paidTrial' | 'platformDesignPartners'; phase: 'B' | 'C' | null; count: number; target: number; met: boolean }[];
}

const emptyReached = (): Record<PipelineStage, number> => ({ LEAD: 0, QUALIFIED: 0, POC: 0, PAID_TRIAL: 0, PAID: 0 });

function conversionsOf(reached: Record<PipelineStage, number>): StageConversion[] {
  return pipelineStages.slice(0, -1).map((from, i) => {
    const to = pipelineStages[i + 1]!;
    const base = reached[from];
    return { from, to, reached: base, converted: reached[to], rate: base === 0 ? null : reached[to] / base };
  });
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * What the funnel is computed from, already aggregated: small whatever the history (months × tracks ×
 * stages rows), so the database can produce it with GROUP BY (funnel.service: funnelSummary) and the
 * process only does the maths below.
 */
export interface FunnelSummary {
  /** Partners by cohort month (UTC YYYY-MM of their first transition), track and furthest stage index (-1: none). */
  reach: { month: string; track: PartnerTrack; furthest: number; partners: number }[];
  /** Per pipeline stage, the median length in days of the closed stays in it (unrounded) and how many there were. */
  stays: { stage: PipelineStage; medianDays: number | null; samples: number }[];
  /** Transitions to LOST per reason (grouped case-insensitively, one spelling kept). */
  lostReasons: { reason: string; count: number }[];
}

/**
 * The summary of a funnel as it stood at the end of `asOf` (UTC day), from stage transitions only:
 * - reaching a stage = any transition to it or to a later pipeline stage (a skipped stage counts);
 * - cohorts by the month (UTC, YYYY-MM) of a partner's first transition, when it entered the funnel
 *   (a partner created past LEAD skipped LEAD and entered it then);
 * - days in stage: from a transition into a stage to the next transition out of it; a stay still open
 *   at `asOf` is left out (it has no length yet), so a stage nobody has left has a null median;
 * - lost reasons: every transition to LOST, grouped by reason case-insensitively (first spelling kept).
 * Transitions of partners not in `partners` (archived) are ignored. The service computes the same
 * summary in SQL; this is its reference, and what the funnel rule tests run through.
 */
export function summariseFunnel(partners: readonly FunnelPartner[], transitions: readonly FunnelTransition[], asOf: IsoDate): FunnelSummary {
  const byPartner = new Map<string, FunnelTransition[]>(partners.map((p) => [p.id, []]));
  for (const t of transitions) {
    if (toIsoDate(t.at) > asOf) continue;
    byPartner.get(t.partnerId)?.push(t);
  }
  const trackOf = new Map(partners.map((p) => [p.id, p.track]));
  const reach = new Map<string, FunnelSummary['reach'][number]>();
  const stays = new Map<PipelineStage, number[]>(pipelineStages.map((s) => [s, []]));
  const lost = new Map<string, { reason: string; count: number }>();

  for (const [id, list] of byPartner) {
    if (list.length === 0) continue;
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    const month = list[0]!.at.toISOString().slice(0, 7);
    const track = trackOf.get(id)!;
    const furthest = furthestStageIndex(list);
    const key = `${month}|${track}|${furthest}`;
    const group = reach.get(key) ?? { month, track, furthest, partners: 0 };
    group.partners++;
    reach.set(key, group);
    for (const [i, t] of list.entries()) {
      const next = list[i + 1];
      if (next && t.to !== 'LOST') stays.get(t.to as PipelineStage)!.push((next.at.getTime() - t.at.getTime()) / DAY_MS);
      if (t.to === 'LOST') {
        const reason = t.reason?.trim() || '';
        const entry = lost.get(reason.toLowerCase()) ?? { reason, count: 0 };
        entry.count++;
        lost.set(reason.toLowerCase(), entry);
      }
    }
  }
  return {
    reach: [...reach.values()],
    stays: pipelineStages.map((stage) => ({ stage, medianDays: median(stays.get(stage)!), samples: stays.get(stage)!.length })),
    lostReasons: [...lost.values()],
  };
}

/**
 * The funnel from its summary:
 * - reached, conversions and cohorts count partners whose furthest stage is at or past each stage;
 * - days in stage: the median rounded to a tenth of a day;
 * - lost reasons: most frequent first, then by reason;
 * - targets: Hosted partners that reached POC (3, phase B), partners that reached PAID_TRIAL (1),
 *   Platform-track partners that reached POC or later — the Platform Design Partners (3, phase C).
 */
export function funnelFromSummary(summary: FunnelSummary, asOf: IsoDate): Funnel {
  const reachedOf = (groups: readonly FunnelSummary['reach'][number][]) => {
    const reached = emptyReached();
    for (const g of groups) for (let i = 0; i <= g.furthest; i++) reached[pipelineStages[i]!] += g.partners;
    return reached;
  };
  const sum = (groups: readonly FunnelSummary['reach'][number][]) => groups.reduce((n, g) => n + g.partners, 0);
  const reached = reachedOf(summary.reach);
  const months = [...new Set(summary.reach.map((g) => g.month))].sort();
  const cohorts = months.map((month) => {
    const groups = summary.reach.filter((g) => g.month === month);
    const r = reachedOf(groups);
    return { month, partners: sum(groups), reached: r, conversions: conversionsOf(r) };
  });
  const countWhere = (track: PartnerTrack | null, minStage: PipelineStage) =>
    sum(summary.reach.filter((g) => g.furthest >= stageIndex(minStage) && (track === null || g.track === track)));
  const target = (key: Funnel['targets'][number]['key'], phase: 'B' | 'C' | null, count: number, goal: number) => ({ key, phase, count, target: goal, met: count >= goal });
  const stayOf = new Map(summary.stays.map((s) => [s.stage, s]));

  return {
    asOf,
    partners: sum(summary.reach),
    reached,
    conversions: conversionsOf(reached),
    cohorts,
    daysInStage: pipelineStages.map((stage) => {
      const m = stayOf.get(stage)?.medianDays ?? null;
      return { stage, medianDays: m === null ? null : Math.round(m * 10) / 10, samples: stayOf.get(stage)?.samples ?? 0 };
    }),
    lostReasons: [...summary.lostReasons].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    targets: [
      target('hostedPoc', 'B', countWhere('HOSTED', 'POC'), 3),
      target('paidTrial', null, countWhere(null, 'PAID_TRIAL'), 1),
      target('platformDesignPartners', 'C', countWhere('PLATFORM', 'POC'), 3),
    ],
  };
}

/** The funnel at the end of `asOf` from the partners not archived and their transitions (see the two steps above). */
export function computeFunnel(partners: readonly FunnelPartner[], transitions: readonly FunnelTransition[], asOf: IsoDate): Funnel {
  return funnelFromSummary(summariseFunnel(partners, transitions, asOf), asOf);
}

// ---- timeline ------------------------------------------------------------------------------------

export interface TimelineEntryBase {
  /** The calendar day it happened (an activity's `occurredOn`; a change's UTC day). */
  date: IsoDate;
  /** When it was recorded (ISO instant); orders entries of one day. */
  at: string;
}

/** Newest first: by day, then by when it was recorded, then by id for a stable order. */
export function newestFirst<T extends TimelineEntryBase & { id: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1));
}
