// Shared with the web: imports only zod.
import { z } from 'zod';
import { entityId, version } from '../plans/plans.schema.js';

export const phaseKey = z.string().trim().regex(/^[A-Z]$/, 'A phase key is one capital letter');

export const phaseByKeyInput = z.object({
  key: phaseKey,
  /** Defaults to the current plan. */
  planId: entityId.optional(),
});

export const phaseUpdateInput = z
  .object({
    id: entityId,
    version,
    name: z.string().trim().min(1).max(120).optional(),
    goal: z.string().trim().max(2000).optional(),
    startDay: z.number().int().min(0).optional(),
    endDay: z.number().int().min(0).optional(),
  })
  .refine((v) => v.startDay === undefined || v.endDay === undefined || v.startDay <= v.endDay, {
    message: 'The last day cannot come before the first',
    path: ['endDay'],
    params: { i18n: 'validation.endBeforeStart' },
  });
export type PhaseUpdateInput = z.input<typeof phaseUpdateInput>;
