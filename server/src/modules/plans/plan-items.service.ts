// The mechanics deliverables and gates share — create at the end of a phase, versioned update, archive
// with undo, reorder — written once over the two Prisma delegates. Callers go through the domain's own
// service (deliverables.service.ts, gates.service.ts), which names the operation and adds its rules.
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { fromIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { diffFields, snapshot } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { checkReorder } from './plan-item.rules.js';

export type ItemKind = 'deliverable' | 'gate';

const nouns: Record<ItemKind, string> = { deliverable: 'Deliverable', gate: 'Gate' };

/** What the audit trail records of an item: the fields a person edits. */
export const auditedItemFields = ['title', 'description', 'ownerName', 'dueDate', 'status', 'phaseId'] as const;

const auditedSelect = { id: true, version: true, title: true, description: true, ownerName: true, dueDate: true, status: true, phaseId: true } as const;
type AuditedSelect = typeof auditedSelect;

/** An item as an update or archive reads it first: its version and the fields the trail records. */
export interface ItemState {
  id: string;
  version: number;
  title: string;
  description: string;
  ownerName: string;
  dueDate: Date | null;
  status: string;
  phaseId: string;
}

// The two delegates share these shapes; naming them lets one function serve both.
interface ItemDelegate {
  findFirst(args: { where: { id: string; deletedAt?: null }; select: AuditedSelect }): Promise<ItemState | null>;
  findMany(args: {
    where: { phaseId: string; deletedAt: null };
    orderBy: readonly [{ position: 'asc' }, { createdAt: 'asc' }];
    select: { id: true };
  }): Promise<{ id: string }[]>;
  aggregate(args: { where: { phaseId: string }; _max: { position: true } }): Promise<{ _max: { position: number | null } }>;
  updateMany(args: { where: { id: string; version?: number; deletedAt?: null | { not: null } }; data: Record<string, unknown> }): Promise<{ count: number }>;
  update(args: { where: { id: string }; data: { position: number } }): Promise<unknown>;
}

const delegate = (tx: Tx, kind: ItemKind) => tx[kind] as unknown as ItemDelegate;

export async function assertPhaseExists(tx: Tx, phaseId: string) {
  const phase = await tx.phase.findUnique({ where: { id: phaseId }, select: { id: true } });
  if (!phase) throw new DomainError('INVALID', `Phase ${phaseId} does not exist`, [{ path: 'phaseId', message: 'Unknown phase' }]);
}

export async function nextPosition(tx: Tx, kind: ItemKind, phaseId: string): Promise<number> {
  const { _max } = await delegate(tx, kind).aggregate({ where: { phaseId }, _max: { position: true } });
  return (_max.position ?? -1) + 1;
}

export const dueDateData = (dueDate: IsoDate | null | undefined) =>
  dueDate === undefined ? {} : { dueDate: dueDate === null ? null : fromIsoDate(dueDate) };

/** Loads a live item for an update and checks the caller saw its latest version. */
export async function loadForUpdate(tx: Tx, kind: ItemKind, id: string, version: number): Promise<ItemState> {
  const row = await delegate(tx, kind).findFirst({ where: { id, deletedAt: null }, select: auditedSelect });
  if (!row) throw notFound(nouns[kind], id);
  if (row.version !== version) throw await staleItem(tx, kind, id, row);
  return row;
}

/** The CONFLICT for a stale version of an item: who changed it meanwhile, and the fields a person edits as they are now. */
async function staleItem(tx: Tx, kind: ItemKind, id: string, row?: ItemState | null) {
  const current = row === undefined ? await delegate(tx, kind).findFirst({ where: { id }, select: auditedSelect }) : row;
  const edited = current && { title: current.title, description: current.description, ownerName: current.ownerName, dueDate: current.dueDate, status: current.status, version: current.version };
  return staleConflict(tx, { what: `This ${kind}`, entityType: kind, entityId: id, current: edited });
}

/** Writes an update only if nobody else wrote in between. */
export async function writeVersioned(tx: Tx, kind: ItemKind, id: string, version: number, data: Record<string, unknown>) {
  const { count } = await delegate(tx, kind).updateMany({ where: { id, version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw await staleItem(tx, kind, id);
}

/** Records a created item with the fields it was created with. */
export async function auditItemCreated(tx: Tx, actor: Actor, kind: ItemKind, id: string, fields: Record<(typeof auditedItemFields)[number], unknown>) {
  await recordAudit(tx, actor, { action: `${kind}.create`, entityType: kind, entityId: id, changes: snapshot(fields, auditedItemFields) });
}

/**
 * Records an update as `{ field: { from, to } }`. `after` holds the fields written (a due date as
 * written to the database); fields it leaves out did not change.
 */
export async function auditItemUpdated(tx: Tx, actor: Actor, kind: ItemKind, before: ItemState, after: Partial<Record<(typeof auditedItemFields)[number], unknown>>) {
  await recordAudit(tx, actor, { action: `${kind}.update`, entityType: kind, entityId: before.id, changes: diffFields(before, after, auditedItemFields) });
}

// Archive and restore write first and read after: the write locks the row, so the fields recorded are
// exactly those of the item that was archived or restored.
export async function archiveItem(db: Db, actor: Actor, kind: ItemKind, id: string) {
  return db.$transaction(async (tx) => {
    const items = delegate(tx, kind);
    const { count } = await items.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw notFound(nouns[kind], id);
    const item = await items.findFirst({ where: { id }, select: auditedSelect });
    await recordAudit(tx, actor, { action: `${kind}.delete`, entityType: kind, entityId: id, changes: snapshot(item!, auditedItemFields) });
    return { id };
  });
}

export async function restoreItem(db: Db, actor: Actor, kind: ItemKind, id: string) {
  return db.$transaction(async (tx) => {
    const items = delegate(tx, kind);
    const { count } = await items.updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null, version: { increment: 1 } } });
    if (count === 0) throw notFound(`Deleted ${kind}`, id);
    const item = await items.findFirst({ where: { id }, select: auditedSelect });
    await recordAudit(tx, actor, { action: `${kind}.restore`, entityType: kind, entityId: id, changes: snapshot(item!, auditedItemFields) });
    return { id };
  });
}

export async function reorderItems(db: Db, actor: Actor, kind: ItemKind, phaseId: string, orderedIds: string[]) {
  return db.$transaction(async (tx) => {
    const items = delegate(tx, kind);
    const current = await items.findMany({ where: { phaseId, deletedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } });
    const check = checkReorder(current.map((r) => r.id), orderedIds);
    if (!check.ok) throw new DomainError('CONFLICT', `${check.reason}; reload and try again`);
    for (const [position, id] of orderedIds.entries()) await items.update({ where: { id }, data: { position } });
    // On the phase: the order is the phase's, and the items themselves do not change.
    await recordAudit(tx, actor, {
      action: `${kind}.reorder`,
      entityType: 'phase',
      entityId: phaseId,
      changes: { order: { from: current.map((r) => r.id), to: orderedIds } },
    });
    return { phaseId };
  });
}
