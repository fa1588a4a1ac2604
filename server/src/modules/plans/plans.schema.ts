// Shared with the web: imports only zod. Messages stay zod's defaults; the web translates issues by code.
import { z } from 'zod';

export const isoDate = z.iso.date();
export const entityId = z.uuid();
export const version = z.number().int().min(1);

export const planName = z.string().trim().min(1).max(120);

export const planCreateInput = z.object({
  name: planName,
  startDate: isoDate,
  lengthDays: z.number().int().min(7).max(730).default(180),
  /** Copy phases, deliverables and gates from this plan, dates shifted, statuses reset. */
  copyFromPlanId: entityId.optional(),
  makeCurrent: z.boolean().default(true),
});
export type PlanCreateInput = z.input<typeof planCreateInput>;

export const planUpdateInput = z.object({
  id: entityId,
  version,
  name: planName.optional(),
  startDate: isoDate.optional(),
});
export type PlanUpdateInput = z.input<typeof planUpdateInput>;

export const planByIdInput = z.object({ id: entityId });
export const planSetCurrentInput = z.object({ id: entityId });

export const timelineStates = ['before', 'inside', 'after'] as const;
export type TimelineState = (typeof timelineStates)[number];
