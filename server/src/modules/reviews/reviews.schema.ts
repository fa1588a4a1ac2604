// Shared with the web: imports only zod. Messages stay zod's defaults; the web translates issues by code.
import { z } from 'zod';
import { entityId, isoDate, version } from '../plans/plans.schema.js';

export const reviewStatuses = ['DRAFT', 'CLOSED'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const reviewGroups = ['PRODUCT', 'ENGINEERING', 'GTM'] as const;
export type ReviewGroup = (typeof reviewGroups)[number];
export const actionItemStatuses = ['OPEN', 'DONE', 'DROPPED'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

/** The agenda's sections, in the order the review walks them (launch plan §8). */
export const agendaSections = ['stability', 'gates', 'deliverables', 'pipeline', 'evidence', 'kpis', 'actions', 'stale'] as const;
export type AgendaSection = (typeof agendaSections)[number];

/** Records a decision or an action item may concern. */
export const reviewTargetTypes = ['gate', 'deliverable', 'partner'] as const;
export type ReviewTargetType = (typeof reviewTargetTypes)[number];

const target = {
  targetType: z.enum(reviewTargetTypes).nullable().default(null),
  targetId: entityId.nullable().default(null),
};

export const reviewWeekInput = z.object({ weekStart: isoDate });
export const reviewIdInput = z.object({ id: entityId });

export const attendeesSetInput = z.object({
  reviewId: entityId,
  version,
  attendees: z.array(z.object({ userId: z.string().min(1).max(100), group: z.enum(reviewGroups) })).max(100),
});

export const noteSaveInput = z.object({
  reviewId: entityId,
  section: z.enum(agendaSections),
  markdown: z.string().max(20_000),
  /** The note's version the writer saw; null when there was no note yet. */
  version: version.nullable(),
});
export type NoteSaveInput = z.input<typeof noteSaveInput>;

export const decisionCreateInput = z.object({
  reviewId: entityId,
  text: z.string().trim().min(1).max(2000),
  decidedByName: z.string().trim().min(1).max(120),
  ...target,
});
export type DecisionCreateInput = z.input<typeof decisionCreateInput>;

export const actionItemCreateInput = z.object({
  reviewId: entityId,
  title: z.string().trim().min(1).max(300),
  ownerId: z.string().min(1).max(100),
  dueDate: isoDate.nullable().default(null),
  ...target,
});
export type ActionItemCreateInput = z.input<typeof actionItemCreateInput>;

export const actionItemStatusInput = z.object({
  id: entityId,
  version,
  status: z.enum(actionItemStatuses),
  /** The (draft) review it is changed from: an item is closed "in" that review. */
  reviewId: entityId,
});

export const reviewCloseInput = z.object({ id: entityId, version });
