// Deliverable rules without I/O: a phase's progress and when a deliverable counts as completed.
import type { IsoDate } from '../../lib/dates.js';
import { isOverdue } from '../plans/plan-item.rules.js';
import type { DeliverableStatus } from './deliverables.schema.js';

export interface Progress {
  done: number;
  /** Deliverables that count: dropped ones are left out. */
  total: number;
  dropped: number;
  overdue: number;
}

export function deliverableProgress(items: { status: DeliverableStatus; dueDate: IsoDate | null }[], today: IsoDate): Progress {
  let done = 0;
  let dropped = 0;
  let overdue = 0;
  for (const item of items) {
    if (item.status === 'DONE') done++;
    if (item.status === 'DROPPED') dropped++;
    if (isOverdue(item, today)) overdue++;
  }
  return { done, total: items.length - dropped, dropped, overdue };
}

/** When a deliverable was completed: set on entering DONE, kept while DONE, cleared on leaving it. */
export function completedAtAfter(
  previous: { status: DeliverableStatus; completedAt: Date | null },
  nextStatus: DeliverableStatus,
  now: Date,
): Date | null {
  if (nextStatus !== 'DONE') return null;
  return previous.status === 'DONE' ? previous.completedAt : now;
}
