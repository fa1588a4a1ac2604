import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import {
  assertPhaseExists,
  dueDateData,
  loadForUpdate,
  nextPosition,
  writeVersioned,
} from '../plans/plan-items.service.js';
import type { gateCreateInput, gateUpdateInput } from './gates.schema.js';

export async function createGate(db: Db, input: z.output<typeof gateCreateInput>) {
  return db.$transaction(async (tx) => {
    await assertPhaseExists(tx, input.phaseId);
    const position = await nextPosition(tx, 'gate', input.phaseId);
    return tx.gate.create({ data: { ...input, ...dueDateData(input.dueDate), position }, select: { id: true, version: true } });
  });
}

export async function updateGate(db: Db, input: z.output<typeof gateUpdateInput>) {
  const { id, version, phaseId, dueDate, ...fields } = input;
  return db.$transaction(async (tx) => {
    const current = await loadForUpdate(tx, 'gate', id, version);
    const data: Record<string, unknown> = { ...fields, ...dueDateData(dueDate) };
    if (phaseId !== undefined && phaseId !== current.phaseId) {
      await assertPhaseExists(tx, phaseId);
      Object.assign(data, { phaseId, position: await nextPosition(tx, 'gate', phaseId) });
    }
    await writeVersioned(tx, 'gate', id, version, data);
    return { id, version: version + 1 };
  });
}
