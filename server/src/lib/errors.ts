/**
 * Errors a service raises on purpose. Only trpc.ts turns them into transport codes, so services never
 * know about HTTP or tRPC.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT' // stale version or duplicate
  | 'INVALID' // input that passes the schema but breaks a domain rule
  | 'PRECONDITION_FAILED' // the record's state does not allow this now
  | 'FORBIDDEN'; // signed in, but this role may not do this to this record

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * What a CONFLICT from a stale version tells the caller: who changed the record last and when (from the
 * audit trail), and the record as it is now, so the form can show it and save again knowingly.
 */
export interface ConflictDetail {
  changedBy: string | null;
  /** ISO timestamp of the latest change. */
  changedAt: string | null;
  /** The fields a person edits, as stored now; calendar dates as YYYY-MM-DD. Empty if the record is gone. */
  current: Record<string, unknown>;
  currentVersion: number | null;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldIssues: FieldIssue[] = [],
    readonly conflict?: ConflictDetail,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} does not exist`);
export const staleVersion = (what: string, conflict?: ConflictDetail) => {
  if (!conflict?.changedBy) return new DomainError('CONFLICT', `${what} was changed by someone else meanwhile; reload to see the current value`, [], conflict);
  const at = conflict.changedAt ? ` at ${conflict.changedAt.slice(0, 10)} ${conflict.changedAt.slice(11, 16)} UTC` : '';
  return new DomainError('CONFLICT', `${what} was changed by ${conflict.changedBy}${at} meanwhile; check the current value and save again`, [], conflict);
};

export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);

/**
 * A unique index that refuses a write another transaction raced in: the same answer as the service's
 * own check (CONFLICT on that field), not a 500.
 */
export async function conflictOnDuplicate<T>(work: Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'P2002') throw new DomainError('CONFLICT', message, [{ path: field, message: 'Already exists' }]);
    throw error;
  }
}
