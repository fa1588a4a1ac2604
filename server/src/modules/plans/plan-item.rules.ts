import type { IsoDate } from '../../lib/dates.js';
import type { DeliverableStatus } from '../deliverables/deliverables.schema.js';
import type { GateStatus } from '../gates/gates.schema.js';

const closedStatuses: ReadonlySet<string> = new Set<DeliverableStatus | GateStatus>(['DONE', 'DROPPED', 'PASSED', 'FAILED']);

/** A deliverable or gate still needs work while it is not done, dropped, passed or failed. */
export function isOpen(status: DeliverableStatus | GateStatus): boolean {
  return !closedStatuses.has(status);
}

/** Overdue: still open and its due date is before today. */
export function isOverdue(item: { status: DeliverableStatus | GateStatus; dueDate: IsoDate | null }, today: IsoDate): boolean {
  return item.dueDate !== null && item.dueDate < today && isOpen(item.status);
}

/** The order of a phase's items after a reorder; refuses a list that is not exactly the phase's items. */
export function checkReorder(currentIds: string[], orderedIds: string[]): { ok: true } | { ok: false; reason: string } {
  const current = new Set(currentIds);
  const ordered = new Set(orderedIds);
  if (ordered.size !== orderedIds.length) return { ok: false, reason: 'The new order lists an item twice' };
  if (current.size !== ordered.size || [...current].some((id) => !ordered.has(id))) {
    return { ok: false, reason: 'The new order must list every item of the phase exactly once' };
  }
  return { ok: true };
}
