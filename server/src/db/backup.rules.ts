// The backup file format and the checks a restore makes before writing anything
// (docs/decisions/014-backup-format.md). Pure: no I/O.

export const BACKUP_FORMAT = 'aionis-backup';
export const BACKUP_VERSION = 1;

export interface BackupColumn {
  name: string;
  /** PostgreSQL's name for the type, as `format_type` prints it: the cast a restore applies. */
  type: string;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  rows: number;
}

/** Line 1 of a backup. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** `_prisma_migrations` of the source: finished, not rolled back, in name order. */
  migrations: string[];
  /** In insert order: a table comes after every table it references. */
  tables: BackupTable[];
}

/** Lines 2…n−1: one row, each value PostgreSQL's text form of the column (or null), in column order. */
export interface BackupRowLine {
  table: string;
  values: (string | null)[];
}

/** The last line: without it the file was cut short. */
export interface BackupEndLine {
  end: true;
  rows: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads line 1; a file that is not a backup, or one written by a newer version, is refused. */
export function parseHeader(line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new BackupError('Not an Aionis backup: the first line is not JSON.');
  }
  if (!isObject(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupError(`Not an Aionis backup: the first line does not say "format": "${BACKUP_FORMAT}".`);
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    throw new BackupError('Not a valid Aionis backup: the header has no format version.');
  }
  if (value.version > BACKUP_VERSION) {
    throw new BackupError(
      `This backup uses format version ${value.version}; this version of Aionis reads up to version ${BACKUP_VERSION}. Restore it with a newer Aionis.`,
    );
  }
  const tables = value.tables;
  const migrations = value.migrations;
  const tablesOk =
    Array.isArray(tables) &&
    tables.every(
      (t) =>
        isObject(t) &&
        typeof t.name === 'string' &&
        typeof t.rows === 'number' &&
        Array.isArray(t.columns) &&
        t.columns.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.type === 'string'),
    );
  if (!tablesOk || !Array.isArray(migrations) || !migrations.every((m) => typeof m === 'string') || typeof value.createdAt !== 'string') {
    throw new BackupError('Not a valid Aionis backup: the header lacks its tables, migrations or creation time.');
  }
  return value as unknown as BackupHeader;
}

/** Reads a row line (or the end line); anything else means the file is damaged. */
export function parseBodyLine(line: string, lineNumber: number): BackupRowLine | BackupEndLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupError(`Damaged backup: line ${lineNumber} is not JSON.`);
  }
  if (isObject(value) && value.end === true && typeof value.rows === 'number') return value as unknown as BackupEndLine;
  if (isObject(value) && typeof value.table === 'string' && Array.isArray(value.values) && value.values.every((v) => v === null || typeof v === 'string')) {
    return value as unknown as BackupRowLine;
  }
  throw new BackupError(`Damaged backup: line ${lineNumber} is neither a row nor the end line.`);
}

/** Why the target's applied migrations differ from the backup's, or null when they are the same list. */
export function migrationMismatch(inBackup: string[], inTarget: string[]): string | null {
  const missing = inBackup.filter((m) => !inTarget.includes(m));
  const extra = inTarget.filter((m) => !inBackup.includes(m));
  if (!missing.length && !extra.length) return null;
  const parts = [];
  if (missing.length) parts.push(`the target lacks ${missing.join(', ')}`);
  if (extra.length) parts.push(`the target has ${extra.join(', ')}, which the backup does not`);
  return `The target database is not at the backup's migrations: ${parts.join('; ')}. Restore into a database migrated by the same version of Aionis that wrote the backup (pnpm db:migrate).`;
}

/** Differences between the backup's tables and columns and the target's, or null when they agree. */
export function tableMismatch(inBackup: Omit<BackupTable, 'rows'>[], inTarget: Omit<BackupTable, 'rows'>[]): string | null {
  const describe = (t: Omit<BackupTable, 'rows'>) => t.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const target = new Map(inTarget.map((t) => [t.name, describe(t)]));
  const backup = new Map(inBackup.map((t) => [t.name, describe(t)]));
  const problems = [
    ...[...backup.keys()].filter((n) => !target.has(n)).map((n) => `table ${n} is missing in the target`),
    ...[...target.keys()].filter((n) => !backup.has(n)).map((n) => `table ${n} is not in the backup`),
    ...[...backup].filter(([n, cols]) => target.has(n) && target.get(n) !== cols).map(([n]) => `table ${n} has different columns`),
  ];
  return problems.length ? `The target database's tables differ from the backup's: ${problems.join('; ')}.` : null;
}

/**
 * Tables ordered so each comes after the tables it references (foreign keys), names breaking ties so
 * the order is the same on every backend. A self-reference is allowed; a cycle is not.
 */
export function insertOrder(tables: string[], references: { table: string; references: string }[]): string[] {
  const pending = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { table, references: target } of references) {
    if (table !== target && pending.has(table) && pending.has(target)) pending.get(table)!.add(target);
  }
  const order: string[] = [];
  while (pending.size) {
    const ready = [...pending].filter(([, deps]) => [...deps].every((d) => !pending.has(d))).map(([t]) => t).sort();
    if (!ready.length) throw new BackupError(`Foreign keys form a cycle between ${[...pending.keys()].sort().join(', ')}.`);
    for (const t of ready) {
      order.push(t);
      pending.delete(t);
    }
  }
  return order;
}
