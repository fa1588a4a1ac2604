// What deliverables and gates do alike — create at the end of a phase, versioned update, archive with
// undo, reorder — written once over the two Prisma delegates.
import type { Db } from '../../db/database.js';
import { fromIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound, staleVersion } from '../../lib/errors.js';
import { checkReorder } from './plan-item.rules.js';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
export type ItemKind = 'deliverable' | 'gate';

const nouns: Record<ItemKind, string> = { deliverable: 'Deliverable', gate: 'Gate' };

// The two delegates share these shapes; naming them lets one function serve both.
interface ItemDelegate {
  findFirst(args: { where: { id: string; deletedAt?: null }; select: { id: true; version: true; phaseId: true } }): Promise<{ id: string; version: number; phaseId: string } | null>;
  findMany(args: { where: { phaseId: string; deletedAt: null }; select: { id: true } }): Promise<{ id: string }[]>;
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
export async function loadForUpdate(tx: Tx, kind: ItemKind, id: string, version: number) {
  const row = await delegate(tx, kind).findFirst({ where: { id, deletedAt: null }, select: { id: true, version: true, phaseId: true } });
  if (!row) throw notFound(nouns[kind], id);
  if (row.version !== version) throw staleVersion(`This ${kind}`);
  return row;
}

/** Writes an update only if nobody else wrote in between. */
export async function writeVersioned(tx: Tx, kind: ItemKind, id: string, version: number, data: Record<string, unknown>) {
  const { count } = await delegate(tx, kind).updateMany({ where: { id, version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw staleVersion(`This ${kind}`);
}

export async function archiveItem(db: Db, kind: ItemKind, id: string) {
  const { count } = await delegate(db as unknown as Tx, kind).updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
  if (count === 0) throw notFound(nouns[kind], id);
  return { id };
}

export async function restoreItem(db: Db, kind: ItemKind, id: string) {
  const { count } = await delegate(db as unknown as Tx, kind).updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null, version: { increment: 1 } } });
  if (count === 0) throw notFound(`Deleted ${kind}`, id);
  return { id };
}

export async function reorderItems(db: Db, kind: ItemKind, phaseId: string, orderedIds: string[]) {
  return db.$transaction(async (tx) => {
    const items = delegate(tx, kind);
    const current = await items.findMany({ where: { phaseId, deletedAt: null }, select: { id: true } });
    const check = checkReorder(current.map((r) => r.id), orderedIds);
    if (!check.ok) throw new DomainError('CONFLICT', `${check.reason}; reload and try again`);
    for (const [position, id] of orderedIds.entries()) await items.update({ where: { id }, data: { position } });
    return { phaseId };
  });
}
