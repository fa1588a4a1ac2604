// The migration that introduced token kinds and gate/criterion keys backfills existing rows: checked on
// a database holding what an install had before it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../lib/paths.js';

const MIGRATION = 'tokens_gate_keys_gate_runs';

describe(`migration ${MIGRATION}`, async () => {
  const dirs = (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const at = dirs.findIndex((d) => d.endsWith(`_${MIGRATION}`));
  const sql = (dir: string) => readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8');
  const db = new PGlite();
  afterAll(() => db.close());

  it('makes metrics tokens service tokens and gives every gate and criterion a key unique among its siblings', async () => {
    for (const dir of dirs.slice(0, at)) await db.exec(await sql(dir));
    await db.exec(`
      INSERT INTO "Plan" (id, name, "startDate", "updatedAt") VALUES ('00000000-0000-7000-8000-000000000001', 'P', '2026-01-01', now());
      INSERT INTO "Phase" (id, "planId", key, name, "startDay", "endDay", goal, "updatedAt")
        VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'B', 'B', 0, 10, '', now());
      INSERT INTO "Gate" (id, "phaseId", title, position, "updatedAt") VALUES
        ('00000000-0000-7000-8000-000000000010', '00000000-0000-7000-8000-000000000002', 'Production gates pass consistently', 0, now()),
        ('00000000-0000-7000-8000-000000000011', '00000000-0000-7000-8000-000000000002', 'Ship it!', 1, now()),
        ('00000000-0000-7000-8000-000000000012', '00000000-0000-7000-8000-000000000002', 'ship  it', 2, now()),
        ('00000000-0000-7000-8000-000000000013', '00000000-0000-7000-8000-000000000002', '——', 3, now());
      INSERT INTO "Criterion" (id, "gateId", kind, title, config, position, "updatedAt") VALUES
        ('00000000-0000-7000-8000-000000000020', '00000000-0000-7000-8000-000000000010', 'GATE_RUN_STREAK', 'Streak', '{"runs":5}', 0, now()),
        ('00000000-0000-7000-8000-000000000021', '00000000-0000-7000-8000-000000000010', 'METRIC_THRESHOLD', 'Starts', '{"metricKey":"cta_start_oss_click","value":1}', 1, now()),
        ('00000000-0000-7000-8000-000000000022', '00000000-0000-7000-8000-000000000010', 'MANUAL', 'One', '{}', 2, now()),
        ('00000000-0000-7000-8000-000000000023', '00000000-0000-7000-8000-000000000010', 'MANUAL', 'Two', '{}', 3, now());
      INSERT INTO "ApiToken" (id, name, "tokenHash", prefix, "createdById", "createdBy")
        VALUES ('00000000-0000-7000-8000-000000000030', 'push', 'h', 'aionis_mt_abcd', 'u', 'Ada');
    `);
    await db.exec(await sql(dirs[at]!));

    const gates = await db.query<{ title: string; key: string }>(`SELECT title, key FROM "Gate" ORDER BY position`);
    expect(gates.rows.map((g) => g.key)).toEqual(['production-gates', 'ship-it', 'ship-it-2', 'gate']);
    const criteria = await db.query<{ key: string }>(`SELECT key FROM "Criterion" ORDER BY position`);
    expect(criteria.rows.map((c) => c.key)).toEqual(['gate-run-streak', 'cta-start-oss-click', 'manual', 'manual-2']);
    const token = await db.query(`SELECT kind, role, scopes, "expiresAt" FROM "ApiToken"`);
    expect(token.rows).toEqual([{ kind: 'SERVICE', role: 'pm', scopes: ['metrics:write'], expiresAt: null }]);
  });
});
