// Shared with the web: imports only zod.
import { z } from 'zod';
import { isoDate } from '../plans/plans.schema.js';
import { auditActions, type AuditAction } from './audit-actions.schema.js';
import { auditEntityTypes } from './audit.enums.js';

export { auditEntityTypes };
export const auditEntityType = z.enum(auditEntityTypes);
export type AuditEntityType = (typeof auditEntityTypes)[number];

/** The actions the console writes, for the audit page's suggestions; the filter takes any text. */
export const knownAuditActions: readonly AuditAction[] = auditActions;

const id = z.string().trim().min(1).max(64);

export const auditListInput = z
  .object({
    entityType: auditEntityType.optional(),
    entityId: id.optional(),
    actorId: id.optional(),
    /** An exact action such as `deliverable.update` (exact, so the (action, at) index answers it). */
    action: z.string().trim().min(1).max(100).optional(),
    /** First and last calendar day, inclusive, in the server's time zone (as `today` is). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: 'The end date cannot come before the start date',
    path: ['to'],
    params: { i18n: 'validation.endBeforeStart' },
  });
export type AuditListInput = z.input<typeof auditListInput>;

export const auditForEntityInput = z.object({
  entityType: auditEntityType,
  entityId: id,
});
export type AuditForEntityInput = z.input<typeof auditForEntityInput>;
