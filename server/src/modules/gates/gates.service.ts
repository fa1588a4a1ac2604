import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  assertPhaseExists,
  auditItemCreated,
  auditItemUpdated,
  dueDateData,
  loadForUpdate,
  nextPosition,
  writeVersioned,
} from '../plans/plan-items.service.js';
import { forbidden } from '../../lib/errors.js';
import type { GateStatus, gateCreateInput, gateUpdateInput } from './gates.schema.js';
import { maySetGateStatus } from './gates.rules.js';

function checkStatusRight(actor: Actor, status: GateStatus | undefined) {
  if (status !== undefined && !maySetGateStatus(actor.role, status)) {
    throw forbidden('Marking a gate passed or failed is a leadership decision');
  }
}

export async function createGate(db: Db, actor: Actor, input: z.output<typeof gateCreateInput>) {
  checkStatusRight(actor, input.status);
  return db.$transaction(async (tx) => {
    await assertPhaseExists(tx, input.phaseId);
    const position = await nextPosition(tx, 'gate', input.phaseId);
    const created = await tx.gate.create({ data: { ...input, ...dueDateData(input.dueDate), position }, select: { id: true, version: true } });
    await auditItemCreated(tx, actor, 'gate', created.id, input);
    return created;
  });
}

export async function updateGate(db: Db, actor: Actor, input: z.output<typeof gateUpdateInput>) {
  const { id, version, phaseId, dueDate, ...fields } = input;
  checkStatusRight(actor, fields.status);
  return db.$transaction(async (tx) => {
    const current = await loadForUpdate(tx, 'gate', id, version);
    const data: Record<string, unknown> = { ...fields, ...dueDateData(dueDate) };
    if (phaseId !== undefined && phaseId !== current.phaseId) {
      await assertPhaseExists(tx, phaseId);
      Object.assign(data, { phaseId, position: await nextPosition(tx, 'gate', phaseId) });
    }
    await writeVersioned(tx, 'gate', id, version, data);
    await auditItemUpdated(tx, actor, 'gate', current, data);
    return { id, version: version + 1 };
  });
}
