import type { Db, Tx } from '../../db/database.js';
import { stabilityState, type StabilityState } from './stability.rules.js';

/**
 * Which gates of the current plan are blocked, and so whether publishing claims is held. Pass the
 * transaction of a write that depends on it (publishing a claim), so it reads what that write sees.
 */
export async function readStabilityState(db: Db | Tx): Promise<StabilityState> {
  const gates = await db.gate.findMany({
    where: { status: 'BLOCKED', deletedAt: null, phase: { plan: { isCurrent: true } } },
    select: { id: true, title: true, status: true, deletedAt: true, position: true, phase: { select: { key: true, name: true, startDay: true } } },
  });
  return stabilityState(gates);
}
