import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { DomainError, forbidden, staleVersion } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Role } from '../users/users.schema.js';
import { notifyOfChange } from '../notifications/notifications.service.js';
import { dayRange, decodeCursor, encodeCursor, isUuid, mayReadHistory } from './audit.rules.js';
import { phaseIdsIn, type AuditAction, type AuditChangesInput } from './audit-actions.schema.js';
import type { AuditEntityType, auditListInput } from './audit.schema.js';
import type { z } from 'zod';


export interface AuditEntry<A extends AuditAction = AuditAction> {
  /** `<entity>.<verb>`, e.g. `deliverable.update`, `user.role`: one of audit-actions.schema.ts. */
  action: A;
  entityType: string;
  entityId: string;
  /** `{ field: { from, to } }` for changes, or the record's fields for create/archive, as the action's schema says. */
  changes: AuditChangesInput<A>;
}

/**
 * Appends an audit event. Call it with the transaction that makes the change, so the change and its
 * record commit or roll back together.
 */
export async function recordAudit<A extends AuditAction>(tx: Tx | Db, actor: Actor, entry: AuditEntry<A>) {
  await tx.auditEvent.create({
    data: {
      actorId: actor.userId,
      actorName: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      // The action's schema input is JSON by construction (audit values, records of them); Prisma wants its own type.
      changes: entry.changes as Prisma.InputJsonValue,
      requestId: actor.requestId,
    },
  });
  // Whoever the change concerns hears of it through the outbox, written in this same transaction.
  await notifyOfChange(tx, actor, { action: entry.action, entityType: entry.entityType, entityId: entry.entityId, changes: entry.changes, actorId: actor.userId });
}

// ---- reading the trail ---------------------------------------------------------------------------

const eventSelect = {
  id: true,
  at: true,
  actorId: true,
  actorName: true,
  action: true,
  entityType: true,
  entityId: true,
  changes: true,
  requestId: true,
} satisfies Prisma.AuditEventSelect;

type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;

// Newest first; the id breaks ties between events of one transaction (they share its `at`).
const newestFirst = [{ at: 'desc' }, { id: 'desc' }] satisfies Prisma.AuditEventOrderByWithRelationInput[];

const eventView = (row: EventRow) => ({ ...row, at: row.at.toISOString() });
export type AuditEventView = ReturnType<typeof eventView>;

/** A record whose version the caller saw is no longer the stored one. */
export interface StaleRecord {
  /** How the message names it: `This gate`. */
  what: string;
  entityType: string;
  entityId: string;
  /** The fields a person edits, as stored now, with `version`; null if the record is gone. */
  current: Record<string, unknown> | null;
  /** Who changed it last, when the record knows better than its audit events (a review's note). */
  changed?: { by: string; at: Date };
}

// Calendar dates are stored as DATE and read back at midnight UTC; they travel as YYYY-MM-DD.
const plainValue = (value: unknown): unknown => {
  if (!(value instanceof Date)) return value;
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
};

/**
 * The CONFLICT for an update based on a stale version, naming who changed the record last and when (its
 * newest audit event: one lookup on the (entityType, entityId, at) index) and carrying its current
 * fields, so nothing is overwritten blindly. Call it in the transaction that found the version stale.
 */
export async function staleConflict(tx: Tx | Db, record: StaleRecord): Promise<DomainError> {
  const last = record.changed
    ? { actorName: record.changed.by, at: record.changed.at }
    : await tx.auditEvent.findFirst({
        where: { entityType: record.entityType, entityId: record.entityId },
        orderBy: newestFirst,
        select: { actorName: true, at: true },
      });
  const current = Object.fromEntries(Object.entries(record.current ?? {}).map(([key, value]) => [key, plainValue(value)]));
  const version = record.current?.version;
  return staleVersion(record.what, {
    changedBy: last?.actorName ?? null,
    changedAt: last?.at.toISOString() ?? null,
    current,
    currentVersion: typeof version === 'number' ? version : null,
  });
}

/** Where an event's entity can be seen: its title and the plan page or phase page that shows it. */
export interface EntityRef {
  label: string | null;
  planId: string | null;
  phaseKey: string | null;
}

/**
 * One page of the trail, newest first, filtered. Keyset pagination over (at, id) so page 1 000 costs
 * what page 1 does: the cursor is the last event shown and the next page starts strictly after it.
 */
export async function listAuditEvents(db: Db, input: z.output<typeof auditListInput>) {
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new DomainError('INVALID', 'This page link is not valid; start from the first page', [{ path: 'cursor', message: 'Invalid cursor' }]);
  const range = dayRange(input.from, input.to);

  const where: Prisma.AuditEventWhereInput = {
    ...(input.entityType && { entityType: input.entityType }),
    ...(input.entityId && { entityId: input.entityId }),
    ...(input.actorId && { actorId: input.actorId }),
    ...(input.action && { action: input.action }),
    ...((range.gte || range.lt) && { at: range }),
    ...(cursor && {
      // `at <= cursor.at` alone bounds the index scan; the OR then skips what the last page showed.
      AND: [{ at: { lte: cursor.at } }, { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] }],
    }),
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: newestFirst, take: input.limit + 1, select: eventSelect });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const [refs, phaseKeys] = await Promise.all([entityRefs(db, page), phaseKeysFor(db, page)]);
  return {
    items: page.map((row) => ({ ...eventView(row), entity: refs.get(`${row.entityType}:${row.entityId}`) ?? null })),
    phaseKeys,
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

/**
 * Titles and pages for the entities on one page of events: at most one query per entity type, however
 * many events (archived items included: their history still names them).
 */
async function entityRefs(db: Db, rows: { entityType: string; entityId: string }[]): Promise<Map<string, EntityRef>> {
  // Plans, phases and items have UUID keys (a malformed id would make PostgreSQL refuse the query);
  // users have Better Auth's string ids.
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))].filter((id) => type === 'user' || isUuid(id));
  const [planIds, phaseIds, deliverableIds, gateIds, userIds] = (['plan', 'phase', 'deliverable', 'gate', 'user'] as const).map(ids) as [string[], string[], string[], string[], string[]];
  const itemSelect = { id: true, title: true, phase: { select: { key: true, planId: true } } } as const;
  const [plans, phases, deliverables, gates, users] = await Promise.all([
    planIds.length ? db.plan.findMany({ where: { id: { in: planIds } }, select: { id: true, name: true } }) : [],
    phaseIds.length ? db.phase.findMany({ where: { id: { in: phaseIds } }, select: { id: true, key: true, name: true, planId: true } }) : [],
    deliverableIds.length ? db.deliverable.findMany({ where: { id: { in: deliverableIds } }, select: itemSelect }) : [],
    gateIds.length ? db.gate.findMany({ where: { id: { in: gateIds } }, select: itemSelect }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
  ]);
  const refs = new Map<string, EntityRef>();
  for (const p of plans) refs.set(`plan:${p.id}`, { label: p.name, planId: p.id, phaseKey: null });
  for (const p of phases) refs.set(`phase:${p.id}`, { label: `${p.key} · ${p.name}`, planId: p.planId, phaseKey: p.key });
  for (const d of deliverables) refs.set(`deliverable:${d.id}`, { label: d.title, planId: d.phase.planId, phaseKey: d.phase.key });
  for (const g of gates) refs.set(`gate:${g.id}`, { label: g.title, planId: g.phase.planId, phaseKey: g.phase.key });
  for (const u of users) refs.set(`user:${u.id}`, { label: u.name, planId: null, phaseKey: null });
  return refs;
}

/**
 * What happened to one entity, newest first: the history panel of a deliverable, gate or partner.
 * `phaseKeys` names the phases the events refer to, so the panel can say "phase A → B".
 */
export async function entityHistory(db: Db, entityType: AuditEntityType, entityId: string, limit = 100) {
  const rows = await db.auditEvent.findMany({ where: { entityType, entityId }, orderBy: newestFirst, take: limit, select: eventSelect });
  return { items: rows.map(eventView), phaseKeys: await phaseKeysFor(db, rows) };
}

/** The keys of the phases some events' changes name: a move's `phaseId: { from, to }`, or an item's `phaseId`. */
async function phaseKeysFor(db: Db, rows: { changes: Prisma.JsonValue }[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const row of rows) for (const id of phaseIdsIn(row.changes)) if (isUuid(id)) ids.add(id);
  if (ids.size === 0) return {};
  const phases = await db.phase.findMany({ where: { id: { in: [...ids] } }, select: { id: true, key: true } });
  return Object.fromEntries(phases.map((p) => [p.id, p.key]));
}

/** An entity's history for this reader: user histories are for leadership and admins only. */
export async function historyForReader(db: Db, reader: { role: Role }, input: { entityType: AuditEntityType; entityId: string }) {
  if (!mayReadHistory(reader.role, input.entityType)) throw forbidden("A user's history is for leadership and admins");
  return entityHistory(db, input.entityType, input.entityId);
}

const MAX_ACTORS = 200;

/**
 * Everyone who has written to the trail, with the name of their latest event, for the actor filter.
 * A loose index scan over (actorId, at): one index probe per actor, not a pass over every event, so it
 * stays quick at a million events; bounded to the first 200 actors.
 */
export async function auditActors(db: Db): Promise<{ actorId: string; actorName: string }[]> {
  const rows = await db.$queryRaw<{ actorId: string; actorName: string }[]>`
    WITH RECURSIVE actors AS (
      (SELECT "actorId" FROM "AuditEvent" WHERE "actorId" IS NOT NULL ORDER BY "actorId" LIMIT 1)
      UNION ALL
      SELECT (SELECT e."actorId" FROM "AuditEvent" e WHERE e."actorId" > actors."actorId" ORDER BY e."actorId" LIMIT 1)
      FROM actors WHERE actors."actorId" IS NOT NULL
    )
    SELECT a."actorId", (SELECT e."actorName" FROM "AuditEvent" e WHERE e."actorId" = a."actorId" ORDER BY e."at" DESC LIMIT 1) AS "actorName"
    FROM (SELECT "actorId" FROM actors WHERE "actorId" IS NOT NULL LIMIT ${MAX_ACTORS}) a`;
  return rows.sort((a, b) => a.actorName.localeCompare(b.actorName));
}

/** The actor for work nobody asked for by hand: scheduled jobs such as the link checker. */
export const systemActor = (requestId: string): Actor => ({ userId: 'system', name: 'Aionis (scheduled)', role: 'admin', requestId });
