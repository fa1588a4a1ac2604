// Weekly review rules without I/O: which weeks may be reviewed, who may write what and when, and the
// phase/gate state frozen into a closed review.
import { isMonday, weekStartOf, type IsoDate } from '../../lib/dates.js';
import type { AgendaSectionView } from './agenda.rules.js';
import type { ActionItemStatus, ReviewStatus } from './reviews.schema.js';

/** A review's week must start on a Monday and not lie in the future. */
export function reviewWeekProblem(weekStart: IsoDate, today: IsoDate): 'notMonday' | 'future' | null {
  if (!isMonday(weekStart)) return 'notMonday';
  if (weekStart > weekStartOf(today)) return 'future';
  return null;
}

/** Notes, decisions, attendees and new action items change only while the review is a draft. */
export function editProblem(review: { status: ReviewStatus }): string | null {
  return review.status === 'CLOSED' ? 'This review is closed; its agenda, notes and decisions are final' : null;
}

/**
 * An action item's status may change from a draft review of its own week or later (it carries over
 * until closed); closed items may be reopened only from the same draft.
 */
export function actionStatusProblem(
  item: { status: ActionItemStatus; reviewWeek: IsoDate; closedInReviewId: string | null },
  from: { id: string; status: ReviewStatus; weekStart: IsoDate },
  next: ActionItemStatus,
): string | null {
  if (from.status === 'CLOSED') return editProblem(from);
  if (item.reviewWeek > from.weekStart) return 'This action item belongs to a later review';
  if (item.status === next) return null;
  if (item.status !== 'OPEN' && item.closedInReviewId !== from.id) return 'This action item was closed in an earlier review; record a new one instead';
  return null;
}

export interface PhaseStateInput {
  key: string;
  name: string;
  startDay: number;
  deliverables: { status: string; deletedAt: Date | null }[];
  gates: { id: string; title: string; status: string; deletedAt: Date | null; position: number }[];
}

export interface GateState {
  id: string;
  title: string;
  status: string;
  suggested: string;
  criteriaMet: number;
  criteriaTotal: number;
}

export interface PhaseState {
  key: string;
  name: string;
  deliverablesDone: number;
  deliverablesTotal: number;
  gates: GateState[];
}

/** Phases in plan order with their live deliverables counted and their live gates' state. */
export function phaseStates(phases: readonly PhaseStateInput[], health: ReadonlyMap<string, { health: string; criteriaMet: number; criteriaTotal: number }>): PhaseState[] {
  return [...phases]
    .sort((a, b) => a.startDay - b.startDay || a.key.localeCompare(b.key))
    .map((p) => {
      const live = p.deliverables.filter((d) => d.deletedAt === null && d.status !== 'DROPPED');
      return {
        key: p.key,
        name: p.name,
        deliverablesDone: live.filter((d) => d.status === 'DONE').length,
        deliverablesTotal: live.length,
        gates: p.gates
          .filter((g) => g.deletedAt === null)
          .sort((a, b) => a.position - b.position)
          .map((g) => {
            const h = health.get(g.id);
            return { id: g.id, title: g.title, status: g.status, suggested: h?.health ?? g.status, criteriaMet: h?.criteriaMet ?? 0, criteriaTotal: h?.criteriaTotal ?? 0 };
          }),
      };
    });
}

export interface SnapshotActionItem {
  id: string;
  title: string;
  ownerName: string;
  dueDate: IsoDate | null;
  status: ActionItemStatus;
  targetType: string | null;
  targetId: string | null;
}

/** What a closed review stores and renders from. */
export interface ReviewSnapshot {
  window: { from: string; to: string };
  agenda: AgendaSectionView[];
  phases: PhaseState[];
  actionItems: SnapshotActionItem[];
}
