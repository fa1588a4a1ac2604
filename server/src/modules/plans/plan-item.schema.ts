// Deliverables and gates are both "plan items" of a phase: a titled, owned, dated thing with a status
// and a position. Their input schemas differ only in the status vocabulary. Shared with the web.
import { z } from 'zod';
import { entityId, isoDate, version } from './plans.schema.js';

export function planItemSchemas<S extends readonly [string, ...string[]]>(statuses: S, defaultStatus: S[number]) {
  const status = z.enum(statuses);
  const fields = {
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000),
    ownerName: z.string().trim().max(120),
    dueDate: isoDate.nullable(),
    status,
  };
  return {
    status,
    create: z.object({
      phaseId: entityId,
      title: fields.title,
      description: fields.description.default(''),
      ownerName: fields.ownerName.default(''),
      dueDate: fields.dueDate.default(null),
      status: status.default(defaultStatus as never),
    }),
    update: z.object({
      id: entityId,
      version,
      phaseId: entityId.optional(),
      title: fields.title.optional(),
      description: fields.description.optional(),
      ownerName: fields.ownerName.optional(),
      dueDate: fields.dueDate.optional(),
      status: status.optional(),
    }),
    /** What the web's edit form holds: every field present. */
    form: z.object(fields),
  };
}

export const itemIdInput = z.object({ id: entityId });
export const itemReorderInput = z.object({
  phaseId: entityId,
  /** Every live item of the phase, in the new order. */
  orderedIds: z.array(entityId).min(1).max(500),
});
