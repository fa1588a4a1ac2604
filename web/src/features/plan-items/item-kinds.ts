import { deliverableStatuses } from '@server/modules/deliverables/deliverables.enums';
import { gateStatuses } from '@server/modules/gates/gates.enums';
import type { DeliverableView, GateView } from '../../lib/trpc';

export type ItemKind = 'deliverable' | 'gate';
export type ItemView = DeliverableView | GateView;
export type ItemStatus = ItemView['status'];

/**
 * What differs between deliverables and gates, for components that show either. The form schemas are
 * in item-form-modal.tsx, so the lists and status menus don't load zod.
 */
export const itemKinds = {
  deliverable: {
    statuses: deliverableStatuses as readonly ItemStatus[],
    defaultStatus: 'NOT_STARTED' as ItemStatus,
  },
  gate: {
    statuses: gateStatuses as readonly ItemStatus[],
    defaultStatus: 'PENDING' as ItemStatus,
  },
} as const;

const statusColors: Record<ItemStatus, string> = {
  NOT_STARTED: 'gray',
  IN_PROGRESS: 'blue',
  DONE: 'teal',
  DROPPED: 'dark',
  PENDING: 'gray',
  ON_TRACK: 'teal',
  AT_RISK: 'yellow',
  BLOCKED: 'red',
  PASSED: 'green',
  FAILED: 'red',
};

export const statusColor = (status: ItemStatus) => statusColors[status];
