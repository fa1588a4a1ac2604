// The weekly review's agenda without I/O: what changed in the window since the last closed review,
// grouped into the sections of launch plan §8. The service loads the history; these rules decide.
import { addDays, daysBetween, weekStartOf, type IsoDate } from '../../lib/dates.js';
import { STALE_AFTER_DAYS } from '../gates/gates.rules.js';
import { meetsTarget } from '../metrics/metrics.rules.js';
import { agendaSections, type AgendaSection } from './reviews.schema.js';

/** What an agenda item links to, so the web can route and the export can name it. */
export type AgendaLink =
  | { type: 'gate'; id: string }
  | { type: 'deliverable'; id: string; phaseKey: string }
  | { type: 'partner'; id: string }
  | { type: 'evidence'; id: string; q: string }
  | { type: 'metric'; id: string }
  | { type: 'actionItem'; id: string; reviewWeek: IsoDate };

export type AgendaItemKind =
  | 'gateBlocked'
  | 'stabilityHold'
  | 'gateStatus'
  | 'gateDecision'
  | 'criterionFlip'
  | 'deliverableDone'
  | 'deliverableSlipped'
  | 'partnerStage'
  | 'partnerLost'
  | 'pocNew'
  | 'pocStatus'
  | 'nextStepOverdue'
  | 'evidenceNew'
  | 'evidenceBroken'
  | 'kpi'
  | 'actionOpen'
  | 'staleGate'
  | 'staleDeliverable';

/** One line of the agenda. `from`/`to` are status or stage codes; `date` a calendar day. */
export interface AgendaItem {
  kind: AgendaItemKind;
  title: string;
  link: AgendaLink | null;
  from?: string | null;
  to?: string | null;
  date?: IsoDate | null;
  /** Who did it, or who owns it. */
  by?: string | null;
  detail?: string | null;
  /** KPI: the value, the target, whether it meets it, and the week. */
  value?: number | null;
  target?: number | null;
  meets?: boolean | null;
  /** Past its due date (action items, next steps) or by how many days (slips, staleness). */
  overdue?: boolean;
  days?: number;
}

/** Items of one kind left out of a section by the cap: the page says "and N more" and links to the full list. */
export interface AgendaMore {
  kind: AgendaItemKind;
  count: number;
}

export interface AgendaSectionView {
  key: AgendaSection;
  items: AgendaItem[];
  /** Kinds over the cap, in the order they appear; empty when the section is shown whole. */
  more: AgendaMore[];
}

/**
 * At most this many items of each kind per section. History piles up (ten years of partners with
 * overdue next steps, a busy week's criterion flips), but a review walks the first few of each and
 * follows a link for the rest; the counts keep the size of the problem visible.
 */
export const AGENDA_ITEMS_PER_KIND = 10;

/** Keeps the first `limit` items of each kind, in order, and counts the rest per kind. */
export function capSection(items: readonly AgendaItem[], limit: number = AGENDA_ITEMS_PER_KIND): { items: AgendaItem[]; more: AgendaMore[] } {
  const seen = new Map<AgendaItemKind, number>();
  const kept: AgendaItem[] = [];
  const more: AgendaMore[] = [];
  for (const item of items) {
    const n = (seen.get(item.kind) ?? 0) + 1;
    seen.set(item.kind, n);
    if (n <= limit) {
      kept.push(item);
      continue;
    }
    const m = more.find((x) => x.kind === item.kind);
    if (m) m.count++;
    else more.push({ kind: item.kind, count: 1 });
  }
  return { items: kept, more };
}

export interface ReviewWindow {
  /** Changes at or after this instant count (the last closed review's close, or 7 days before). */
  from: Date;
  /** …and before this one (now, or the moment of closing). */
  to: Date;
  /** The first day of the window and today, for date-based checks (due dates, weeks). */
  fromDate: IsoDate;
  today: IsoDate;
}

export interface AgendaHistory {
  gates: { id: string; title: string; status: string; updatedAt: Date; deletedAt: Date | null; position: number; phase: { key: string; name: string; startDay: number } }[];
  deliverables: { id: string; title: string; status: string; dueDate: IsoDate | null; completedAt: Date | null; updatedAt: Date; ownerName: string; phaseKey: string }[];
  gateChanges: { id: string; gateId: string; fromStatus: string | null; toStatus: string; decision: string | null; reason: string; at: Date; byName: string }[];
  criterionFlips: { criterionId: string; title: string; gateId: string | null; deliverableId: string | null; phaseKey: string | null; met: boolean; at: Date; byName: string }[];
  stageTransitions: { partnerId: string; company: string; fromStage: string | null; toStage: string; reason: string | null; at: Date; byName: string }[];
  pocChanges: { partnerId: string; company: string; fromStatus: string | null; toStatus: string; at: Date; byName: string }[];
  partners: { id: string; company: string; stage: string; nextStep: string; nextStepDue: IsoDate | null; ownerName: string }[];
  evidenceCreated: { id: string; title: string; kind: string; createdAt: Date; addedByName: string }[];
  evidenceBroke: { id: string; title: string; at: Date; httpStatus: number | null; checkError: string | null }[];
  metrics: { id: string; name: string; unit: string; target: number | null; direction: 'UP' | 'DOWN'; values: { weekStart: IsoDate; value: number }[] }[];
  openActionItems: { id: string; title: string; ownerName: string; dueDate: IsoDate | null; reviewWeek: IsoDate }[];
}

/**
 * The window a review's agenda covers: from the close of the last review closed before it (by week),
 * or, for the first review, the 7 days before now.
 */
export function reviewWindow(lastClosedAt: Date | null, now: Date, today: IsoDate): ReviewWindow {
  const from = lastClosedAt ?? new Date(now.getTime() - 7 * 86_400_000);
  return { from, to: now, fromDate: from.toISOString().slice(0, 10), today };
}

const inWindow = (at: Date, w: ReviewWindow) => at >= w.from && at < w.to;
const day = (at: Date) => at.toISOString().slice(0, 10);
const byAt = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();

const DONE_GATE = new Set(['PASSED']);
const CLOSED_DELIVERABLE = new Set(['DONE', 'DROPPED']);
const CLOSED_STAGE = new Set(['LOST', 'PAID']);

export function buildAgenda(h: AgendaHistory, w: ReviewWindow, limit: number = AGENDA_ITEMS_PER_KIND): AgendaSectionView[] {
  const liveGates = h.gates.filter((g) => g.deletedAt === null);
  const gateTitle = new Map(h.gates.map((g) => [g.id, g.title]));

  // 1. Blocked gates first; any blocked gate holds new narrative (stability first).
  const blocked = liveGates
    .filter((g) => g.status === 'BLOCKED')
    .sort((a, b) => a.phase.startDay - b.phase.startDay || a.phase.key.localeCompare(b.phase.key) || a.position - b.position);
  const stability: AgendaItem[] = blocked.map((g) => ({ kind: 'gateBlocked', title: g.title, link: { type: 'gate', id: g.id }, detail: g.phase.name }));
  if (blocked.length > 0) stability.push({ kind: 'stabilityHold', title: '', link: null, days: blocked.length });

  // 2. Gate status changes and decisions, then criteria that flipped.
  const gates: AgendaItem[] = [
    ...h.gateChanges
      .filter((c) => inWindow(c.at, w))
      .sort(byAt)
      .map((c): AgendaItem => ({
        kind: c.decision ? 'gateDecision' : 'gateStatus',
        title: gateTitle.get(c.gateId) ?? '',
        link: { type: 'gate', id: c.gateId },
        from: c.fromStatus,
        to: c.decision ?? c.toStatus,
        date: day(c.at),
        by: c.byName,
        detail: c.reason || null,
      })),
    ...h.criterionFlips
      .filter((f) => inWindow(f.at, w))
      .sort(byAt)
      .map((f): AgendaItem => ({
        kind: 'criterionFlip',
        title: f.title,
        link: f.gateId ? { type: 'gate', id: f.gateId } : f.deliverableId && f.phaseKey ? { type: 'deliverable', id: f.deliverableId, phaseKey: f.phaseKey } : null,
        to: f.met ? 'MET' : 'UNMET',
        date: day(f.at),
        by: f.byName,
        detail: f.gateId ? (gateTitle.get(f.gateId) ?? null) : null,
      })),
  ];

  // 3. Deliverables completed in the window, and those whose due date passed without being done.
  const deliverables: AgendaItem[] = [
    ...h.deliverables
      .filter((d) => d.status === 'DONE' && d.completedAt && inWindow(d.completedAt, w))
      .sort((a, b) => a.completedAt!.getTime() - b.completedAt!.getTime())
      .map((d): AgendaItem => ({ kind: 'deliverableDone', title: d.title, link: { type: 'deliverable', id: d.id, phaseKey: d.phaseKey }, date: day(d.completedAt!), by: d.ownerName || null })),
    ...h.deliverables
      .filter((d) => !CLOSED_DELIVERABLE.has(d.status) && d.dueDate !== null && d.dueDate < w.today)
      .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))
      .map((d): AgendaItem => ({
        kind: 'deliverableSlipped',
        title: d.title,
        link: { type: 'deliverable', id: d.id, phaseKey: d.phaseKey },
        date: d.dueDate,
        by: d.ownerName || null,
        days: daysBetween(d.dueDate!, w.today),
        overdue: true,
      })),
  ];

  // 4. The pipeline: stage moves (losses apart), new PoCs and PoC status changes, overdue next steps.
  const pipeline: AgendaItem[] = [
    ...h.stageTransitions
      .filter((t) => t.fromStage !== null && inWindow(t.at, w))
      .sort(byAt)
      .map((t): AgendaItem => ({
        kind: t.toStage === 'LOST' ? 'partnerLost' : 'partnerStage',
        title: t.company,
        link: { type: 'partner', id: t.partnerId },
        from: t.fromStage,
        to: t.toStage,
        date: day(t.at),
        by: t.byName,
        detail: t.reason,
      })),
    ...h.pocChanges
      .filter((c) => inWindow(c.at, w))
      .sort(byAt)
      .map((c): AgendaItem => ({
        kind: c.fromStatus === null ? 'pocNew' : 'pocStatus',
        title: c.company,
        link: { type: 'partner', id: c.partnerId },
        from: c.fromStatus,
        to: c.toStatus,
        date: day(c.at),
        by: c.byName,
      })),
    ...h.partners
      .filter((p) => !CLOSED_STAGE.has(p.stage) && p.nextStepDue !== null && p.nextStepDue < w.today)
      .sort((a, b) => a.nextStepDue!.localeCompare(b.nextStepDue!))
      .map((p): AgendaItem => ({
        kind: 'nextStepOverdue',
        title: p.company,
        link: { type: 'partner', id: p.id },
        detail: p.nextStep || null,
        date: p.nextStepDue,
        by: p.ownerName,
        overdue: true,
      })),
  ];

  // 5. Evidence added, and evidence whose link broke.
  const evidence: AgendaItem[] = [
    ...h.evidenceBroke
      .filter((e) => inWindow(e.at, w))
      .sort(byAt)
      .map((e): AgendaItem => ({
        kind: 'evidenceBroken',
        title: e.title,
        link: { type: 'evidence', id: e.id, q: e.title },
        date: day(e.at),
        detail: e.httpStatus ? `HTTP ${e.httpStatus}` : e.checkError,
      })),
    ...h.evidenceCreated
      .filter((e) => inWindow(e.createdAt, w))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((e): AgendaItem => ({ kind: 'evidenceNew', title: e.title, link: { type: 'evidence', id: e.id, q: e.title }, date: day(e.createdAt), by: e.addedByName, detail: e.kind })),
  ];

  // 6. KPIs: the newest value of each metric in the weeks the window touches, against its target.
  const firstWeek = weekStartOf(w.fromDate);
  const lastWeek = weekStartOf(w.today);
  const kpis: AgendaItem[] = [];
  for (const m of h.metrics) {
    const inWeeks = m.values.filter((v) => v.weekStart >= firstWeek && v.weekStart <= lastWeek).sort((a, b) => a.weekStart.localeCompare(b.weekStart));
    const latest = inWeeks.at(-1);
    if (!latest) continue;
    const before = m.values.filter((v) => v.weekStart < latest.weekStart).sort((a, b) => a.weekStart.localeCompare(b.weekStart)).at(-1);
    kpis.push({
      kind: 'kpi',
      title: m.name,
      link: { type: 'metric', id: m.id },
      date: latest.weekStart,
      value: latest.value,
      target: m.target,
      meets: m.target === null ? null : meetsTarget(latest.value, m.target, m.direction),
      from: before ? String(before.value) : null,
      detail: m.unit || null,
    });
  }

  // 7. Action items still open from earlier reviews: overdue first, then by due date, undated last.
  const actions: AgendaItem[] = [...h.openActionItems]
    .map((a) => ({ a, overdue: a.dueDate !== null && a.dueDate < w.today }))
    .sort((x, y) => Number(y.overdue) - Number(x.overdue) || (x.a.dueDate ?? '9999').localeCompare(y.a.dueDate ?? '9999') || x.a.title.localeCompare(y.a.title))
    .map(({ a, overdue }): AgendaItem => ({
      kind: 'actionOpen',
      title: a.title,
      link: { type: 'actionItem', id: a.id, reviewWeek: a.reviewWeek },
      date: a.dueDate,
      by: a.ownerName,
      overdue,
      detail: a.reviewWeek,
    }));

  // 8. Not done and untouched for 14 days.
  const staleBefore = addDays(w.today, -STALE_AFTER_DAYS);
  const stale: AgendaItem[] = [
    ...liveGates
      .filter((g) => !DONE_GATE.has(g.status) && day(g.updatedAt) <= staleBefore)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .map((g): AgendaItem => ({ kind: 'staleGate', title: g.title, link: { type: 'gate', id: g.id }, date: day(g.updatedAt), days: daysBetween(day(g.updatedAt), w.today), to: g.status })),
    ...h.deliverables
      .filter((d) => !CLOSED_DELIVERABLE.has(d.status) && day(d.updatedAt) <= staleBefore)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .map((d): AgendaItem => ({
        kind: 'staleDeliverable',
        title: d.title,
        link: { type: 'deliverable', id: d.id, phaseKey: d.phaseKey },
        date: day(d.updatedAt),
        days: daysBetween(day(d.updatedAt), w.today),
        to: d.status,
      })),
  ];

  const bySection: Record<AgendaSection, AgendaItem[]> = { stability, gates, deliverables, pipeline, evidence, kpis, actions, stale };
  return agendaSections.map((key) => ({ key, ...capSection(bySection[key], limit) }));
}
