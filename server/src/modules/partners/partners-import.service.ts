import { randomUUID } from 'node:crypto';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { parseCsv as readCsv } from '../../lib/csv.js';
import type { IsoDate } from '../../lib/dates.js';
import { DomainError } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import { ownerRoles } from './partners.rules.js';
import { checkImportRows, companyKeysOf, headerIssues, type CheckedRow, type ImportedPartner, type ImportIssue } from './partners-import.rules.js';


// Rows per INSERT: each batch travels as one JSON parameter.
const BATCH = 2500;
const LOOKUP_BATCH = 5000;

function parseCsv(csv: string) {
  const parsed = readCsv(csv);
  const issues: ImportIssue[] = headerIssues(parsed.meta.fields ?? []);
  // Papaparse numbers rows from 0 after the header; ours start at 1.
  for (const e of parsed.errors) if (e.code !== 'UndetectableDelimiter') issues.push({ row: (e.row ?? -1) + 1, field: 'csv', message: e.message });
  return { records: parsed.data, issues };
}

async function check(db: Db | Tx, csv: string) {
  const { records, issues } = parseCsv(csv);
  if (issues.some((i) => i.row === 0)) return { rows: [] as CheckedRow[], issues };
  const keys = companyKeysOf(records);
  const [users, ...existing] = await Promise.all([
    db.user.findMany({ select: { id: true, email: true, role: true, banned: true } }),
    ...Array.from({ length: Math.ceil(keys.length / LOOKUP_BATCH) }, (_, i) =>
      db.partner.findMany({ where: { companyKey: { in: keys.slice(i * LOOKUP_BATCH, (i + 1) * LOOKUP_BATCH) } }, select: { companyKey: true } }),
    ),
  ]);
  const owners = users.filter((u) => !u.banned && (ownerRoles as readonly string[]).includes(u.role));
  const rows = checkImportRows(records, {
    ownersByEmail: new Map(owners.map((u) => [u.email.toLowerCase(), u.id])),
    allEmails: new Set(users.map((u) => u.email.toLowerCase())),
    existingCompanies: new Set(existing.flat().map((p) => p.companyKey)),
  });
  return { rows, issues: [...issues, ...rows.flatMap((r) => r.errors)] };
}

/**
 * Writes a batch of partners, their creation transitions and contacts: three statements, each taking
 * the whole batch as one JSON parameter. Prisma's createMany binds one parameter per cell, and through
 * the PGlite adapter that cost over a second per thousand rows; this keeps 10 000 rows to seconds on
 * both backends.
 */
async function insertBatch(tx: Tx, actor: Actor, batch: (ImportedPartner & { id: string })[], now: string) {
  const partnerRows = JSON.stringify(
    batch.map(({ contact: _contact, ownerEmail: _ownerEmail, ...p }) => ({ ...p, createdAt: now })),
  );
  await tx.$executeRaw`
    INSERT INTO "Partner" ("id", "company", "companyKey", "website", "segment", "package", "track", "ownerId", "stage",
      "expectedValue", "currency", "nextStep", "nextStepDue", "tags", "createdAt", "updatedAt")
    SELECT x."id", x."company", x."companyKey", x."website", x."segment", x."package", x."track", x."ownerId", x."stage",
      x."expectedValue", x."currency", x."nextStep", x."nextStepDue", x."tags", x."createdAt", x."createdAt"
    FROM jsonb_to_recordset(${partnerRows}::jsonb) AS x("id" uuid, "company" text, "companyKey" text, "website" text,
      "segment" "PartnerSegment", "package" "PartnerPackage", "track" "PartnerTrack", "ownerId" text, "stage" "PartnerStage",
      "expectedValue" integer, "currency" text, "nextStep" text, "nextStepDue" date, "tags" text[], "createdAt" timestamp(3))`;
  const transitionRows = JSON.stringify(batch.map((p) => ({ id: randomUUID(), partnerId: p.id, toStage: p.stage })));
  await tx.$executeRaw`
    INSERT INTO "StageTransition" ("id", "partnerId", "fromStage", "toStage", "at", "byUserId", "byName")
    SELECT x."id", x."partnerId", NULL, x."toStage", ${now}::timestamp(3), ${actor.userId}, ${actor.name}
    FROM jsonb_to_recordset(${transitionRows}::jsonb) AS x("id" uuid, "partnerId" uuid, "toStage" "PartnerStage")`;
  const contactRows = JSON.stringify(batch.flatMap((p) => (p.contact ? [{ id: randomUUID(), partnerId: p.id, ...p.contact }] : [])));
  await tx.$executeRaw`
    INSERT INTO "PartnerContact" ("id", "partnerId", "name", "role", "email", "position")
    SELECT x."id", x."partnerId", x."name", x."role", x."email", 0
    FROM jsonb_to_recordset(${contactRows}::jsonb) AS x("id" uuid, "partnerId" uuid, "name" text, "role" text, "email" text)`;
}

/**
 * What an import would do, row by row. Rows are numbered from 1 after the header row (row 1 is the
 * first data row); row 0 stands for the file as a whole (a missing column).
 */
export async function previewImport(db: Db, csv: string) {
  const { rows, issues } = await check(db, csv);
  return {
    rows: rows.map((r) => ({
      row: r.row,
      company: r.partner?.company ?? null,
      stage: r.partner?.stage ?? null,
      ownerEmail: r.partner?.ownerEmail ?? null,
      valid: r.errors.length === 0,
      errors: r.errors.map(({ field, message }) => ({ field, message })),
    })),
    total: rows.length,
    valid: rows.filter((r) => r.errors.length === 0).length,
    errors: issues,
  };
}

/**
 * Imports every row or none: checked again inside the one transaction that writes, so a partner
 * created meanwhile is still caught as a duplicate. Any issue is a BAD_REQUEST whose field issues are
 * `rows.<row>.<column>` (`csv` for the file). One audit event summarises the import.
 */
export async function commitImport(db: Db, actor: Actor, csv: string, today: IsoDate) {
  return db.$transaction(
    async (tx) => {
      await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
      const { rows, issues } = await check(tx, csv);
      if (issues.length > 0 || rows.length === 0) {
        const fieldIssues = issues.length > 0
          ? issues.map((i) => ({ path: i.row === 0 ? 'csv' : `rows.${i.row}.${i.field}`, message: i.message }))
          : [{ path: 'csv', message: 'The file has no data rows' }];
        throw new DomainError('INVALID', `The import has ${fieldIssues.length} problem(s); nothing was imported`, fieldIssues);
      }
      const now = new Date().toISOString();
      const partners = rows.map((r) => ({ id: randomUUID(), ...r.partner! }));
      for (let i = 0; i < partners.length; i += BATCH) await insertBatch(tx, actor, partners.slice(i, i + BATCH), now);
      const byStage: Record<string, number> = {};
      for (const p of partners) byStage[p.stage] = (byStage[p.stage] ?? 0) + 1;
      await recordAudit(tx, actor, {
        action: 'partner.import',
        entityType: 'partner',
        // An import is many partners: its event gets an id of its own.
        entityId: randomUUID(),
        changes: { imported: partners.length, byStage, firstCompanies: partners.slice(0, 20).map((p) => p.company) },
      });
      await reevaluateCriteria(tx, actor, today);
      return { imported: partners.length };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
