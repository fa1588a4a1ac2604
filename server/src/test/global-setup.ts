// Migrates once per run and hands each test file a cheap copy: a PGlite data-dir dump for the embedded
// backend, a template database for PostgreSQL. Migrating per file would cost seconds each.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aionis-test-'));
  const dumpPath = path.join(dir, 'migrated.tar');
  const url = process.env.TEST_DATABASE_URL;
  const template = url ? `aionis_tpl_${process.pid}_${Date.now()}` : '';

  if (url) await adminQuery(url, `CREATE DATABASE ${template}`);
  const script = fileURLToPath(new URL('./prepare-template.ts', import.meta.url));
  await run(process.execPath, ['--import', 'tsx', script, dumpPath, ...(url ? [withDatabase(url, template)] : [])], {
    cwd: path.dirname(script),
  });
  project.provide('pgliteDump', dumpPath);
  project.provide('pgTemplate', template);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}

async function adminQuery(url: string, sql: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}
