// The audit hash chain's rules (docs/decisions/041-audit-hash-chain.md): how one event links to the one
// before it, and what a break looks like. The canonical form of an event is computed by the database
// (`audit_event_canonical`), the same function the linking trigger uses; these rules check it.
import { createHash } from 'node:crypto';

/** The `prevHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) of the previous hash followed by the event's canonical form, as UTF-8. */
export function linkHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

/** An event as verification reads it, in chain order. */
export interface ChainRow {
  seq: number;
  id: string;
  prevHash: string | null;
  hash: string | null;
  canonical: string;
}

/** A point of the chain known to be good: the event at `seq` has `hash` (seq 0: before the first). */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export const chainStart: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

export type ChainProblem = 'missing' | 'relinked' | 'altered' | 'unlinked' | 'truncated';

export interface ChainBreak {
  /** The first event that does not link (for `truncated`, the last one verified before). */
  eventId: string | null;
  seq: number;
  problem: ChainProblem;
  message: string;
}

/** Why `row` does not follow `after`, or null when it links. */
export function checkLink(after: ChainAnchor, row: ChainRow): ChainBreak | null {
  const at = { eventId: row.id, seq: row.seq };
  if (row.seq !== after.seq + 1) {
    const gap = row.seq - after.seq - 1;
    return { ...at, problem: 'missing', message: `${gap} event${gap === 1 ? ' is' : 's are'} missing before event #${row.seq} (deleted?)` };
  }
  if (row.prevHash !== after.hash) {
    return { ...at, problem: 'relinked', message: `event #${row.seq} does not name the event before it (inserted or reordered?)` };
  }
  if (row.hash !== linkHash(after.hash, row.canonical)) {
    return { ...at, problem: 'altered', message: `event #${row.seq} no longer matches its hash (changed after it was written)` };
  }
  return null;
}
