/** A committed change, as the database announces it (one per audit event). */
export interface Change {
  /** The audit event's id: the subscription's event id. */
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  at: string;
}

/** Reads a notification payload; anything malformed is ignored rather than passed on. */
export function parseChange(payload: string): Change | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const fields = ['id', 'entityType', 'entityId', 'action', 'at'] as const;
  if (!fields.every((f) => typeof v[f] === 'string')) return null;
  return { id: v.id as string, entityType: v.entityType as string, entityId: v.entityId as string, action: v.action as string, at: v.at as string };
}
