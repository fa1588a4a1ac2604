import { toIsoDate } from '../../lib/dates.js';
import type { AuditEntityType } from './audit.schema.js';
import { can } from '../users/rights.js';
import type { Role } from '../users/users.schema.js';

/** A value as the audit trail stores it: JSON, with dates as `YYYY-MM-DD`. */
export type AuditValue = string | number | boolean | null | AuditValue[];
export type FieldChanges = Record<string, { from: AuditValue; to: AuditValue }>;

// Bookkeeping every write bumps: recording it would only add noise to every event.
const bookkeeping: ReadonlySet<string> = new Set(['version', 'updatedAt']);

/**
 * The audited fields are calendar dates (due dates, plan start), stored as PostgreSQL DATE, so a Date
 * becomes `YYYY-MM-DD` and compares equal to the ISO date an input carries.
 */
export function auditValue(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return toIsoDate(value);
  if (Array.isArray(value)) return value.map(auditValue);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

const same = (a: AuditValue, b: AuditValue) => (Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b);

/**
 * `{ field: { from, to } }` for the listed fields whose value changes. A field `after` leaves out (or
 * sets to undefined) is not part of the write and so is not a change.
 */
export function diffFields<T extends object>(before: T, after: { [K in keyof T]?: unknown }, fields: readonly (keyof T & string)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    if (bookkeeping.has(field) || !(field in after) || after[field] === undefined) continue;
    const from = auditValue(before[field]);
    const to = auditValue(after[field]);
    if (!same(from, to)) changes[field] = { from, to };
  }
  return changes;
}

/** The listed fields of a record as stored in a create, delete or restore event. */
export function snapshot<T extends object>(record: T, fields: readonly (keyof T & string)[]): Record<string, AuditValue> {
  const out: Record<string, AuditValue> = {};
  for (const field of fields) if (!bookkeeping.has(field)) out[field] = auditValue(record[field]);
  return out;
}

// ---- reading the trail ---------------------------------------------------------------------------

export interface AuditCursor {
  at: Date;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuid.test(value);

/** Where the next page starts: the (at, id) of the last event shown, opaque to the client. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at.getTime()}:${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor back, or null when it was not one this server made. */
export function decodeCursor(value: string): AuditCursor | null {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^(\d{1,15}):(.+)$/.exec(text);
  if (!match || !isUuid(match[2]!)) return null;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

/**
 * The instants a `from`–`to` filter covers: from the start of `from` up to, not including, the start
 * of the day after `to`, both in the server's time zone, since that is where `today` is decided too.
 */
export function dayRange(from: string | undefined, to: string | undefined): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = localMidnight(from, 0);
  if (to) range.lt = localMidnight(to, 1);
  return range;
}

function localMidnight(iso: string, addDays: number): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays);
}

/**
 * Any signed-in role may read the history of plan work; a user's history (role changes, sessions
 * ended, deactivation) is for leadership and admins, like the audit page.
 */
export function mayReadHistory(role: Role, entityType: AuditEntityType): boolean {
  return entityType !== 'user' || can(role, 'readAudit');
}
