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
  // Vitest may call a global setup once per project; the work is done once per run.
  const done = process.env.AIONIS_TEST_SETUP;
  if (done) {
    const shared = JSON.parse(done) as { dumpPath: string; template: string };
    project.provide('pgliteDump', shared.dumpPath);
    project.provide('pgTemplate', shared.template);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aionis-test-'));
  const dumpPath = path.join(dir, 'migrated.tar');
  const url = process.env.TEST_DATABASE_URL;
  const template = url ? `aionis_tpl_${process.pid}_${Date.now()}` : '';

  if (url) {
    await dropAbandoned(url);
    await adminQuery(url, `CREATE DATABASE ${template}`);
  }
  const script = fileURLToPath(new URL('./prepare-template.ts', import.meta.url));
  await run(process.execPath, ['--import', 'tsx', script, dumpPath, ...(url ? [withDatabase(url, template)] : [])], {
    cwd: path.dirname(script),
  });
  project.provide('pgliteDump', dumpPath);
  project.provide('pgTemplate', template);
  process.env.AIONIS_TEST_SETUP = JSON.stringify({ dumpPath, template });

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
        for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      } catch (error) {
        console.error('Could not drop the test databases:', error);
      } finally {
        await admin.end();
      }
    }
  };
}

/** Test databases left behind by runs that were killed before their teardown. */
async function dropAbandoned(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'aionis_tpl_%'`);
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (pid && !isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
