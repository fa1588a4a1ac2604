// Backup and restore of every table, between PGlite and PostgreSQL in either direction
// (docs/decisions/014-backup-format.md). Values travel as PostgreSQL's own text form, so each one
// round-trips exactly whatever its type (dates, timestamps, floats, JSON, arrays, enums).
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Prisma } from '../generated/prisma/client.js';
import type { Db, Tx } from './database.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  insertOrder,
  migrationMismatch,
  parseBodyLine,
  parseHeader,
  tableMismatch,
  type BackupColumn,
  type BackupHeader,
  type BackupTable,
} from './backup.rules.js';

const q = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** A restore of a large database is one transaction; Prisma's default 5 s would cut it short. */
const TRANSACTION = { maxWait: 30_000, timeout: 60 * 60_000 };

/** Text forms that do not depend on the server's or session's settings. */
async function fixSessionFormats(tx: Tx) {
  await tx.$executeRawUnsafe(`SET LOCAL DateStyle TO 'ISO, YMD'`);
  await tx.$executeRawUnsafe(`SET LOCAL TimeZone TO 'UTC'`);
  await tx.$executeRawUnsafe(`SET LOCAL extra_float_digits TO 1`);
}

interface TableShape {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
}

/** The application's tables (not `_prisma_migrations`), in insert order, read from the catalog. */
async function readTables(tx: Tx): Promise<TableShape[]> {
  const columns = await tx.$queryRawUnsafe<{ table: string; column: string; type: string }[]>(`
    SELECT c.relname::text AS "table", a.attname::text AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname, a.attnum`);
  const keys = await tx.$queryRawUnsafe<{ table: string; column: string }[]>(`
    SELECT c.relname::text AS "table", a.attname::text AS "column"
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE con.contype = 'p' AND n.nspname = current_schema()
    ORDER BY c.relname, k.ord`);
  const references = await tx.$queryRawUnsafe<{ table: string; references: string }[]>(`
    SELECT c.relname::text AS "table", r.relname::text AS "references"
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_class r ON r.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema()`);
  const shapes = new Map<string, TableShape>();
  for (const { table, column, type } of columns) {
    const shape = shapes.get(table) ?? { name: table, columns: [], primaryKey: [] };
    shape.columns.push({ name: column, type });
    shapes.set(table, shape);
  }
  for (const { table, column } of keys) shapes.get(table)?.primaryKey.push(column);
  return insertOrder([...shapes.keys()], references).map((name) => shapes.get(name)!);
}

async function appliedMigrations(tx: Tx): Promise<string[]> {
  const exists = await tx.$queryRawUnsafe<{ found: boolean }[]>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS found`);
  if (!exists[0]?.found) return [];
  const rows = await tx.$queryRawUnsafe<{ name: string }[]>(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name COLLATE "C"`,
  );
  return rows.map((r) => r.name);
}

function selectRows(table: TableShape): string {
  const values = table.columns.map((c) => `${q(c.name)}::text AS ${q(c.name)}`).join(', ');
  // Key order in the "C" collation: the same on every backend, whatever its default collation.
  const order = (table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name)).map((c) => `${q(c)}::text COLLATE "C"`).join(', ');
  return `SELECT ${values} FROM ${q(table.name)} ORDER BY ${order}`;
}

/**
 * Writes every row of every table to `file` from one consistent snapshot (a repeatable-read
 * transaction), through a temporary file renamed at the end, so a failed backup leaves no file.
 */
export async function backupToFile(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  try {
    const result = await db.$transaction(
      async (tx) => {
        await fixSessionFormats(tx);
        const migrations = await appliedMigrations(tx);
        if (!migrations.length) throw new BackupError('The database has no migrations applied: there is nothing to back up.');
        const tables = await readTables(tx);
        const rowsByTable = new Map<string, (string | null)[][]>();
        for (const table of tables) {
          const rows = await tx.$queryRawUnsafe<Record<string, string | null>[]>(selectRows(table));
          rowsByTable.set(
            table.name,
            rows.map((row) => table.columns.map((c) => row[c.name] ?? null)),
          );
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations,
          tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: rowsByTable.get(t.name)!.length })),
        };
        await write(header);
        let total = 0;
        for (const table of tables) {
          for (const values of rowsByTable.get(table.name)!) {
            await write({ table: table.name, values });
            total++;
          }
        }
        await write({ end: true, rows: total });
        return { tables: tables.length, rows: total };
      },
      { ...TRANSACTION, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
    return result;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** Reads a backup line by line; the header first, then rows and the end line. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim()) yield line;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Reads and checks only the header: the format, the version, the tables and migrations it holds. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of readLines(file)) return parseHeader(line);
  return parseHeader(undefined);
}

/** Rows per insert statement: well below PostgreSQL's 65 535 parameters for any table here. */
const BATCH_ROWS = 200;

/**
 * Restores a backup into a database migrated to exactly the backup's migrations and holding no data.
 * Everything happens in one transaction: a refusal or a damaged file leaves the database as it was.
 */
/** A check of the restored rows inside the restoring transaction: null when they pass, else why not. */
export type RestoreCheck = (tx: Tx) => Promise<string | null>;

export async function restoreFromFile(db: Db, file: string, checks: RestoreCheck[]): Promise<{ tables: number; rows: number }> {
  const header = await readBackupHeader(file);
  return db.$transaction(async (tx) => {
    await fixSessionFormats(tx);
    const mismatch = migrationMismatch(header.migrations, await appliedMigrations(tx));
    if (mismatch) throw new BackupError(mismatch);
    const target = await readTables(tx);
    const shapeMismatch = tableMismatch(header.tables, target);
    if (shapeMismatch) throw new BackupError(shapeMismatch);
    const occupied = await nonEmptyTables(tx, target);
    if (occupied.length) {
      throw new BackupError(
        `The target database is not empty (${occupied.join(', ')} hold rows). Restore into a freshly migrated, empty database: nothing was written.`,
      );
    }

    // The target's own column types (equal to the header's, as just checked) go into the SQL.
    const tables = new Map<string, BackupTable>(target.map((t) => [t.name, { name: t.name, columns: t.columns, rows: 0 }]));
    const counts = new Map<string, number>();
    let batch: { table: BackupTable; rows: (string | null)[][] } | undefined;
    const flush = async () => {
      if (batch?.rows.length) await insertRows(tx, batch.table, batch.rows);
      batch = undefined;
    };
    let lineNumber = 0;
    let ended = false;
    for await (const line of readLines(file)) {
      lineNumber++;
      if (lineNumber === 1) continue;
      if (ended) throw new BackupError(`Damaged backup: line ${lineNumber} follows the end line.`);
      const parsed = parseBodyLine(line, lineNumber);
      if ('end' in parsed) {
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        if (parsed.rows !== total) throw new BackupError(`Damaged backup: the end line counts ${parsed.rows} rows, the file holds ${total}.`);
        ended = true;
        continue;
      }
      const table = tables.get(parsed.table);
      if (!table) throw new BackupError(`Damaged backup: line ${lineNumber} names table ${parsed.table}, which the header does not list.`);
      if (parsed.values.length !== table.columns.length) {
        throw new BackupError(`Damaged backup: line ${lineNumber} has ${parsed.values.length} values; ${table.name} has ${table.columns.length} columns.`);
      }
      if (batch?.table !== table || batch.rows.length >= BATCH_ROWS) {
        await flush();
        batch = { table, rows: [] };
      }
      batch.rows.push(parsed.values);
      counts.set(table.name, (counts.get(table.name) ?? 0) + 1);
    }
    await flush();
    if (!ended) throw new BackupError('Damaged backup: the file ends before its end line (cut short?). Nothing was written.');
    for (const table of header.tables) {
      const found = counts.get(table.name) ?? 0;
      if (found !== table.rows) throw new BackupError(`Damaged backup: the header counts ${table.rows} rows in ${table.name}, the file holds ${found}.`);
    }
    // Checks on the loaded data before it commits (the audit hash chain): a refusal writes nothing.
    for (const check of checks) {
      const problem = await check(tx);
      if (problem) throw new BackupError(`${problem} Nothing was written.`);
    }
    return { tables: header.tables.length, rows: [...counts.values()].reduce((a, b) => a + b, 0) };
  }, TRANSACTION);
}

async function nonEmptyTables(tx: Tx, tables: TableShape[]): Promise<string[]> {
  if (!tables.length) return [];
  const sql = tables.map((t) => `SELECT ${quoteLiteral(t.name)} AS name WHERE EXISTS (SELECT 1 FROM ${q(t.name)})`).join(' UNION ALL ');
  const rows = await tx.$queryRawUnsafe<{ name: string }[]>(sql);
  return rows.map((r) => r.name).sort();
}

const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function insertRows(tx: Tx, table: BackupTable, rows: (string | null)[][]) {
  const columns = table.columns.map((c) => q(c.name)).join(', ');
  let n = 0;
  // Each value is sent as text and cast by the column's type's own input function.
  const tuples = rows.map((row) => `(${row.map((_, i) => `$${++n}::text::${table.columns[i]!.type}`).join(', ')})`);
  await tx.$executeRawUnsafe(`INSERT INTO ${q(table.name)} (${columns}) VALUES ${tuples.join(', ')}`, ...rows.flat());
}
