import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../test/global-setup.js';
import { createTestDb, testServices } from '../test/test-db.js';
import { seedDemo } from '../demo/demo-data.js';
import { restoredChainProblem } from '../modules/audit/audit-chain.service.js';
import { backupToFile, restoreFromFile } from './backup.js';
import { BackupError, type BackupHeader } from './backup.rules.js';
import { openDatabase, type Database } from './database.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'aionis-backup-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => path.join(dir, `${files++}.backup`);

/** A fresh migrated PGlite, whichever backend this run tests. */
async function freshPGlite(): Promise<Database> {
  const client = new PGlite({ loadDataDir: new Blob([await readFile(inject('pgliteDump'))]) });
  const db = await openDatabase({ pglite: client });
  afterAll(async () => {
    await db.close();
    await client.close();
  });
  return db;
}

const postgresUrl = process.env.TEST_DATABASE_URL;

/** A fresh migrated PostgreSQL database from the run's template (dropped by the global teardown). */
async function freshPostgres(): Promise<Database> {
  const template = inject('pgTemplate');
  const name = `${template}_bk${files++}${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: withDatabase(postgresUrl!, name), dataDir: '' });
  afterAll(() => db.close());
  return db;
}

/** A backup's content without its creation time: what must be identical after a round trip. */
async function payload(file: string) {
  const [first, ...rest] = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const { createdAt: _createdAt, ...header } = JSON.parse(first!) as BackupHeader;
  return { header, rows: rest.map((line) => JSON.parse(line) as unknown) };
}

async function rowCounts(db: Database) {
  const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT (SELECT count(*) FROM "Plan")::int + (SELECT count(*) FROM "AuditEvent")::int + (SELECT count(*) FROM "user")::int AS n`,
  );
  return rows[0]!.n;
}

describe('backup and restore', async () => {
  const source = await createTestDb();
  const today = '2026-11-26';
  const services = await testServices(source, today);
  await seedDemo(source.prisma, services.auth, today);
  // Values a seed does not produce: a float with many digits, sub-millisecond-free timestamps, quotes,
  // a JSON null, non-ASCII text and an array holding a comma and a quote.
  await source.prisma.$executeRawUnsafe(`
    INSERT INTO "AppSetting" (key, value, "createdAt") VALUES ('backup-test', 'quote '' and "double", 中文, tab	end', '2026-01-02 03:04:05.678')`);
  await source.prisma.$executeRawUnsafe(`UPDATE "Criterion" SET "currentValue" = 0.1::float8 + 0.2::float8, "targetValue" = 1e-300 WHERE id = (SELECT id FROM "Criterion" ORDER BY id LIMIT 1)`);
  await source.prisma.$executeRawUnsafe(`UPDATE "Partner" SET tags = ARRAY['a,b', 'say "hi"', 'NULL', ''] WHERE id = (SELECT id FROM "Partner" ORDER BY id LIMIT 1)`);
  const original = tempFile();
  await backupToFile(source.prisma, original);
  const expected = await payload(original);

  it('writes a header, one line per row of every table and an end line', () => {
    const names = expected.header.tables.map((t) => t.name);
    expect(names).not.toContain('_prisma_migrations');
    expect(names.indexOf('Plan')).toBeLessThan(names.indexOf('Phase'));
    expect(names.indexOf('Gate')).toBeLessThan(names.indexOf('GateStatusChange'));
    expect(expected.header.migrations.length).toBeGreaterThan(0);
    const total = expected.header.tables.reduce((sum, t) => sum + t.rows, 0);
    expect(expected.rows).toHaveLength(total + 1);
    expect(expected.rows.at(-1)).toEqual({ end: true, rows: total });
    for (const table of ['Plan', 'Phase', 'Gate', 'user', 'Partner', 'AuditEvent', 'MetricValue', 'Evidence', 'GateStatusChange']) {
      expect(expected.header.tables.find((t) => t.name === table)!.rows, table).toBeGreaterThan(0);
    }
    const lines = JSON.stringify(expected.rows);
    expect(lines).toContain('"0.30000000000000004"');
    expect(lines).toContain('"1e-300"');
    expect(lines).toContain(JSON.stringify(`quote ' and "double", 中文, tab\tend`).slice(1, -1));
    expect(lines).toContain(JSON.stringify('{"a,b","say \\"hi\\"","NULL",""}'));
    expect(lines).toContain('"2026-01-02 03:04:05.678"');
  });

  const targets: [string, () => Promise<Database>][] = [
    ['PGlite', freshPGlite],
    ...(postgresUrl ? ([['PostgreSQL', freshPostgres]] as [string, () => Promise<Database>][]) : []),
  ];
  for (const [name, fresh] of targets) {
    // Created outside the test: loading a PGlite takes seconds under a busy run.
    const target = await fresh();
    it(`restores into a fresh ${name} database, where every table's rows are identical`, async () => {
      const restored = await restoreFromFile(target.prisma, original, [restoredChainProblem]);
      expect(restored.rows).toBe(expected.rows.length - 1);
      const again = tempFile();
      await backupToFile(target.prisma, again);
      const actual = await payload(again);
      expect(actual.header).toEqual(expected.header);
      for (let i = 0; i < expected.rows.length; i++) expect(actual.rows[i], `row line ${i + 2}`).toEqual(expected.rows[i]);
      expect(actual.rows).toHaveLength(expected.rows.length);
    });
  }

  // The refusals share one empty database; the one that adds data runs last.
  const empty = await freshPGlite();

  it('refuses a file that is not a backup, and one from a newer format version', async () => {
    const target = empty;
    const notBackup = tempFile();
    await writeFile(notBackup, '{"hello":"world"}\n');
    await expect(restoreFromFile(target.prisma, notBackup, [restoredChainProblem])).rejects.toThrow(/Not an Aionis backup/);
    const future = tempFile();
    const [header, ...rest] = (await readFile(original, 'utf8')).split('\n');
    await writeFile(future, [JSON.stringify({ ...JSON.parse(header!), version: 2 }), ...rest].join('\n'));
    await expect(restoreFromFile(target.prisma, future, [restoredChainProblem])).rejects.toThrow(/format version 2; this version of Aionis reads up to version 1/);
    expect(await rowCounts(target)).toBe(0);
  });

  it('refuses a database at other migrations, naming the difference', async () => {
    const target = empty;
    const [header, ...rest] = (await readFile(original, 'utf8')).split('\n');
    const parsed = JSON.parse(header!) as BackupHeader;
    const older = tempFile();
    await writeFile(older, [JSON.stringify({ ...parsed, migrations: parsed.migrations.slice(0, -1) }), ...rest].join('\n'));
    const last = parsed.migrations.at(-1)!;
    await expect(restoreFromFile(target.prisma, older, [restoredChainProblem])).rejects.toThrow(new RegExp(`the target has ${last}, which the backup does not`));
    const newer = tempFile();
    await writeFile(newer, [JSON.stringify({ ...parsed, migrations: [...parsed.migrations, '29990101000000_future'] }), ...rest].join('\n'));
    await expect(restoreFromFile(target.prisma, newer, [restoredChainProblem])).rejects.toThrow(/the target lacks 29990101000000_future/);
    expect(await rowCounts(target)).toBe(0);
  });

  it('rolls back everything when the file is cut short', async () => {
    const target = empty;
    const lines = (await readFile(original, 'utf8')).trimEnd().split('\n');
    const cut = tempFile();
    await writeFile(cut, lines.slice(0, -5).join('\n'));
    await expect(restoreFromFile(target.prisma, cut, [restoredChainProblem])).rejects.toThrow(BackupError);
    expect(await rowCounts(target)).toBe(0);
  });
  it('refuses a backup whose audit trail was edited, writing nothing', async () => {
    const target = empty;
    const [headerLine, ...rest] = (await readFile(original, 'utf8')).trimEnd().split('\n');
    const header = JSON.parse(headerLine!) as BackupHeader;
    const actorName = header.tables.find((t) => t.name === 'AuditEvent')!.columns.findIndex((c) => c.name === 'actorName');
    let edited = false;
    const lines = rest.map((line) => {
      const row = JSON.parse(line) as { table?: string; values?: (string | null)[] };
      if (edited || row.table !== 'AuditEvent') return line;
      edited = true;
      row.values![actorName] = 'Someone Else';
      return JSON.stringify(row);
    });
    expect(edited).toBe(true);
    const tampered = tempFile();
    await writeFile(tampered, [headerLine, ...lines].join('\n'));
    await expect(restoreFromFile(target.prisma, tampered, [restoredChainProblem])).rejects.toThrow(/audit trail does not verify: event #\d+ no longer matches its hash.*Nothing was written/);
    expect(await rowCounts(target)).toBe(0);
  });

  it('refuses a database that holds data, writing nothing', async () => {
    const target = empty;
    await target.prisma.appSetting.create({ data: { key: 'already', value: 'here' } });
    await expect(restoreFromFile(target.prisma, original, [restoredChainProblem])).rejects.toThrow(/not empty \(AppSetting hold rows\)/);
    expect(await rowCounts(target)).toBe(0);
    expect(await target.prisma.appSetting.count()).toBe(1);
  });
});
