// Every action the audit trail records, with a zod schema for its `changes` (decision 027). Writers are
// held to the action names by the type of `recordAudit`; readers (the review agenda, the phase
// scorecard, the history's phase names) parse an event's JSON with its action's schema instead of
// casting it, and skip an event that does not parse (rows written before a shape changed).
// Imports only zod and schemas: the web's audit page takes the action list for its suggestions.
import { z } from 'zod';
import { deliverableStatuses } from '../deliverables/deliverables.enums.js';
import { linkHealths } from '../evidence/evidence.enums.js';

/** A value as the trail stores it: JSON, dates as `YYYY-MM-DD` (audit.rules: AuditValue). */
type Value = string | number | boolean | null | Value[];
const value: z.ZodType<Value> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(value)]));
const change = <T extends z.ZodType>(of: T) => z.object({ from: of, to: of });

/** A created, archived or restored record's fields (audit.rules: snapshot). */
const fields = z.record(z.string(), value);
/** An update's `{ field: { from, to } }` (audit.rules: diffFields). */
const fieldChanges = z.record(z.string(), change(value));
/** A reorder, recorded on the phase (or gate, deliverable) whose order it is. */
const order = z.object({ order: change(z.array(z.string())) });
/** Anything else: an object whose fields no reader relies on. */
const record = z.looseObject({});

const deliverableStatus = z.enum(deliverableStatuses);
const idOrNull = z.string().nullable();

/** `deliverable.create`: the fields it was created with; the burn-up reads its status and phase. */
const deliverableCreated = fields.transform((f) => ({
  status: deliverableStatus.safeParse(f.status).data ?? null,
  phaseId: typeof f.phaseId === 'string' && f.phaseId.length > 0 ? f.phaseId : null,
}));
/** `deliverable.update`: the fields that changed; the burn-up reads status and phase moves. */
const deliverableUpdated = fieldChanges.transform((c) => ({
  status: z.object({ from: deliverableStatus.nullable().catch(null), to: deliverableStatus }).safeParse(c.status).data ?? null,
  phaseId: z.object({ from: z.string().nullable().catch(null), to: z.string().min(1) }).safeParse(c.phaseId).data ?? null,
}));

export const auditActionSchemas = {
  'plan.create': record,
  'plan.update': fieldChanges,
  'plan.setCurrent': record,
  'phase.update': fieldChanges,

  'deliverable.create': deliverableCreated,
  'deliverable.update': deliverableUpdated,
  'deliverable.delete': fields,
  'deliverable.restore': fields,
  'deliverable.reorder': order,
  'gate.create': fields,
  'gate.update': fieldChanges,
  'gate.delete': fields,
  'gate.restore': fields,
  'gate.reorder': order,
  'gate.status': record,

  'criterion.create': record,
  'criterion.update': record,
  'criterion.delete': record,
  'criterion.restore': record,
  'criterion.reorder': order,
  'criterion.tick': record,
  /** A stored evaluation turned met or unmet (criteria.service: reevaluateCriteria). */
  'criterion.flip': z.looseObject({
    met: change(z.boolean()),
    detail: change(z.string()).optional(),
    gateId: z.string().optional(),
    deliverableId: idOrNull.optional(),
  }),

  'evidence.create': fields,
  'evidence.update': fieldChanges,
  'evidence.delete': fields,
  'evidence.restore': fields,
  'evidence.link': z.object({ evidenceId: z.string() }),
  'evidence.unlink': z.object({ evidenceId: z.string() }),
  /** The link checker found a link healthy or broken (link-check.service). */
  'evidence.health': z.looseObject({
    health: change(z.enum(linkHealths)),
    httpStatus: z.number().nullable().optional(),
    checkError: z.string().nullable().optional(),
  }),

  /** The page behind a link no longer matches (or matches again) what was captured (link-check.service). */
  'evidence.content': record,

  'partner.create': record,
  'partner.update': record,
  'partner.stage': record,
  'partner.delete': fields,
  'partner.restore': fields,
  'partner.activity': record,
  'partner.poc.create': record,
  'partner.poc.update': record,
  'partner.import': record,

  'claim.create': fields,
  'claim.update': fieldChanges,
  'claim.approve': record,
  'claim.publish': record,
  'claim.retract': record,
  'claim.delete': fields,
  'claim.restore': fields,

  'review.create': record,
  'review.attendees': record,
  'review.note': record,
  'review.decision': record,
  'review.close': record,
  'actionItem.create': record,
  'actionItem.status': record,

  'metric.create': fields,
  'metric.update': fieldChanges,
  'metric.values': record,
  'metric.archive': fields,
  'metric.restore': fields,
  'token.create': record,
  'token.revoke': record,

  /** A console setting switched (today: the public evidence page). */
  'setting.update': record,
  /** A month's evidence report frozen for the public page (reports.service); again: a correction. */
  'report.publish': z.object({ month: z.string() }),
  'report.republish': z.object({ month: z.string() }),

  'user.create': record,
  'user.role': z.object({ role: change(z.string()) }),
  'user.deactivate': record,
  'user.reactivate': record,
  'user.revokeSessions': record,
  'user.resetPassword': record,
  'user.setPassword': record,
} satisfies Record<string, z.ZodType>;

export type AuditAction = keyof typeof auditActionSchemas;
/** What a writer passes as an action's `changes`. */
export type AuditChangesInput<A extends AuditAction> = z.input<(typeof auditActionSchemas)[A]>;
/** An action's `changes` as a reader gets them from `parseAuditChanges`. */
export type AuditChanges<A extends AuditAction> = z.output<(typeof auditActionSchemas)[A]>;

export const auditActions = Object.keys(auditActionSchemas) as AuditAction[];

/** An event's `changes` parsed by its action's schema; null for an action or shape this code does not know. */
export function parseAuditChanges<A extends AuditAction>(action: A, changes: unknown): AuditChanges<A> | null {
  const schema: z.ZodType | undefined = auditActionSchemas[action];
  const parsed = schema?.safeParse(changes);
  return parsed?.success ? (parsed.data as AuditChanges<A>) : null;
}

/** An event narrowed to one of the actions `A`, with that action's parsed changes. */
export type ParsedAuditEvent<E, A extends AuditAction> = Omit<E, 'action' | 'changes'> & { [K in A]: { action: K; changes: AuditChanges<K> } }[A];

/** A reader's events narrowed to the actions it asked for, each with its changes parsed; unparseable ones dropped. */
export function parseAuditEvents<A extends AuditAction, E extends { action: string; changes: unknown }>(events: readonly E[], actions: readonly A[]): ParsedAuditEvent<E, A>[] {
  const wanted: ReadonlySet<string> = new Set(actions);
  return events.flatMap((e) => {
    if (!wanted.has(e.action)) return [];
    const changes = parseAuditChanges(e.action as A, e.changes);
    // TypeScript cannot tie `e.action` to the schema it was parsed with; the set and the parse above do.
    return changes === null ? [] : [{ ...e, changes } as unknown as ParsedAuditEvent<E, A>];
  });
}

/** The phases an event's changes name, whatever its action: a move's `phaseId: { from, to }`, or an item's `phaseId`. */
const phaseReference = z.looseObject({ phaseId: z.union([z.string(), change(z.string().nullable())]).optional() });
export function phaseIdsIn(changes: unknown): string[] {
  const phaseId = phaseReference.safeParse(changes).data?.phaseId;
  if (phaseId === undefined) return [];
  return typeof phaseId === 'string' ? [phaseId] : [phaseId.from, phaseId.to].filter((id): id is string => id !== null);
}
