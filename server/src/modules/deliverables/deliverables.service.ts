import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  archiveItem,
  assertPhaseExists,
  auditItemCreated,
  auditItemUpdated,
  dueDateData,
  loadForUpdate,
  nextPosition,
  reorderItems,
  restoreItem,
  writeVersioned,
} from '../plans/plan-items.service.js';
import { completedAtAfter } from './deliverables.rules.js';
import type { deliverableCreateInput, deliverableUpdateInput } from './deliverables.schema.js';
import type { z } from 'zod';

export async function createDeliverable(db: Db, actor: Actor, input: z.output<typeof deliverableCreateInput>) {
  return db.$transaction(async (tx) => {
    await assertPhaseExists(tx, input.phaseId);
    const position = await nextPosition(tx, 'deliverable', input.phaseId);
    const created = await tx.deliverable.create({
      data: {
        ...input,
        ...dueDateData(input.dueDate),
        position,
        completedAt: input.status === 'DONE' ? new Date() : null,
      },
      select: { id: true, version: true },
    });
    await auditItemCreated(tx, actor, 'deliverable', created.id, input);
    return created;
  });
}

export async function updateDeliverable(db: Db, actor: Actor, input: z.output<typeof deliverableUpdateInput>) {
  const { id, version, phaseId, dueDate, ...fields } = input;
  return db.$transaction(async (tx) => {
    const current = await loadForUpdate(tx, 'deliverable', id, version);
    const data: Record<string, unknown> = { ...fields, ...dueDateData(dueDate) };
    if (phaseId !== undefined && phaseId !== current.phaseId) {
      await assertPhaseExists(tx, phaseId);
      Object.assign(data, { phaseId, position: await nextPosition(tx, 'deliverable', phaseId) });
    }
    if (fields.status !== undefined) {
      const before = await tx.deliverable.findUniqueOrThrow({ where: { id }, select: { status: true, completedAt: true } });
      data.completedAt = completedAtAfter(before, fields.status, new Date());
    }
    await writeVersioned(tx, 'deliverable', id, version, data);
    await auditItemUpdated(tx, actor, 'deliverable', current, data);
    return { id, version: version + 1 };
  });
}

/** Archives a deliverable (undone by `restoreDeliverable`); the trail keeps the fields it had. */
export const archiveDeliverable = (db: Db, actor: Actor, id: string) => archiveItem(db, actor, 'deliverable', id);
export const restoreDeliverable = (db: Db, actor: Actor, id: string) => restoreItem(db, actor, 'deliverable', id);
/** Sets the order of a phase's deliverables; `orderedIds` must list each of them once. */
export const reorderDeliverables = (db: Db, actor: Actor, phaseId: string, orderedIds: string[]) => reorderItems(db, actor, 'deliverable', phaseId, orderedIds);
