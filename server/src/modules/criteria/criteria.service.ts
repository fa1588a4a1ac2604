import type { Actor } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { IsoDate } from '../../lib/dates.js';

/**
 * Re-evaluates every live criterion against the data as this transaction sees it, stores the results,
 * and records each criterion that flipped (met ↔ unmet) in the audit trail as `criterion.flip`.
 * Call it in the same transaction as any write that changes a criterion's inputs: partner stages,
 * evidence and its links or health, metric values.
 */
export async function reevaluateCriteria(tx: Tx, actor: Actor, today: IsoDate): Promise<void> {
  // Implemented in the criteria commit that follows (this session); the signature is the contract.
  void tx;
  void actor;
  void today;
}
