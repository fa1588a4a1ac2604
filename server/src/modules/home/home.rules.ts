// The leadership home page without I/O: where today falls in the plan, and which deliverables are due
// this week or overdue.
import { addDays, daysBetween, weekStartOf, type IsoDate } from '../../lib/dates.js';
import type { DeliverableStatus } from '../deliverables/deliverables.schema.js';
import { isOverdue } from '../plans/plan-item.rules.js';
import type { TimelineState } from '../plans/plans.schema.js';

/** Monday to Sunday of the week `today` falls in. */
export function weekOf(today: IsoDate): { start: IsoDate; end: IsoDate } {
  const start = weekStartOf(today);
  return { start, end: addDays(start, 6) };
}

export interface PhaseAtToday {
  key: string;
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
  state: TimelineState;
}

/**
 * The phase today falls in, and the days left in it after today (0 on its last day). Before the plan
 * starts there is none yet, after it ends none any more.
 */
export function currentPhase(phases: readonly PhaseAtToday[], today: IsoDate): { key: string; name: string; daysLeft: number; endDate: IsoDate } | null {
  const phase = phases.find((p) => p.state === 'inside');
  return phase ? { key: phase.key, name: phase.name, endDate: phase.endDate, daysLeft: daysBetween(today, phase.endDate) } : null;
}

interface DatedDeliverable {
  status: DeliverableStatus;
  dueDate: IsoDate | null;
}

/**
 * Deliverables due this week (Monday to Sunday, dropped ones left out, done ones kept so the week's
 * work shows) and the overdue ones (open, due before today), each by due date. An open deliverable due
 * earlier this week is overdue and listed there only, so no deliverable appears twice.
 */
export function deliverablesDue<T extends DatedDeliverable>(items: readonly T[], today: IsoDate): { dueThisWeek: T[]; overdue: T[] } {
  const week = weekOf(today);
  const byDue = (a: T, b: T) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '');
  const overdue = items.filter((d) => isOverdue(d, today)).sort(byDue);
  const dueThisWeek = items
    .filter((d) => d.status !== 'DROPPED' && d.dueDate !== null && d.dueDate >= week.start && d.dueDate <= week.end && !isOverdue(d, today))
    .sort(byDue);
  return { dueThisWeek, overdue };
}
