import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { parseCsv } from '../../lib/csv.js';
import { fromIsoDate, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { conflictOnDuplicate, DomainError, notFound, type FieldIssue } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { diffFields, snapshot } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import {
  checkCsvRows,
  csvHeaderIssues,
  metricTrend,
  planValueChanges,
  recentWeeks,
  resolveValueRows,
  type MetricRef,
  type ResolvedValue,
  unitMinimum,
  type ValueChange,
} from './metrics.rules.js';
import type {
  metricCreateInput,
  metricListInput,
  metricPushBody,
  metricSetValuesInput,
  MetricSource,
  metricUpdateInput,
} from './metrics.schema.js';

/** What the trail records of a metric definition. */
const auditedFields = ['key', 'name', 'unit', 'direction', 'target', 'description'] as const;

// ---- reads ---------------------------------------------------------------------------------------

const metricSelect = {
  id: true,
  key: true,
  name: true,
  unit: true,
  direction: true,
  target: true,
  description: true,
  position: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.MetricSelect;

/**
 * The metrics in their order with the values of the last `weeks` weeks (the current one included), the
 * latest value, its change against the week before and where it stands against the target. One query.
 */
export async function listMetrics(db: Db, input: z.output<typeof metricListInput>, today: IsoDate) {
  const weeks = recentWeeks(today, input.weeks);
  const rows = await db.metric.findMany({
    where: input.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ position: 'asc' }, { key: 'asc' }],
    select: {
      ...metricSelect,
      values: {
        where: { weekStart: { gte: fromIsoDate(weeks[0]!), lte: fromIsoDate(weeks.at(-1)!) } },
        orderBy: { weekStart: 'asc' },
        select: { weekStart: true, value: true, source: true, byName: true, updatedAt: true },
      },
    },
  });
  return {
    weeks,
    metrics: rows.map(({ values, archivedAt, ...metric }) => {
      const points = values.map((v) => ({ week: toIsoDate(v.weekStart), value: v.value, source: v.source, byName: v.byName, updatedAt: v.updatedAt.toISOString() }));
      return { ...metric, archivedAt: archivedAt?.toISOString() ?? null, values: points, trend: metricTrend(points, metric.target, metric.direction) };
    }),
  };
}
export type MetricsList = Awaited<ReturnType<typeof listMetrics>>;

// ---- definitions ---------------------------------------------------------------------------------

const keyTaken = (key: string) => new DomainError('CONFLICT', `A metric with the key ${key} already exists`, [{ path: 'key', message: 'Already exists' }]);

export async function defineMetric(db: Db, actor: Actor, input: z.output<typeof metricCreateInput>) {
  const work = db.$transaction(async (tx) => {
    const existing = await tx.metric.findUnique({ where: { key: input.key }, select: { archivedAt: true } });
    if (existing) throw keyTaken(input.key);
    const { _max } = await tx.metric.aggregate({ _max: { position: true } });
    const created = await tx.metric.create({ data: { ...input, position: (_max.position ?? -1) + 1 }, select: { id: true, version: true } });
    await recordAudit(tx, actor, { action: 'metric.create', entityType: 'metric', entityId: created.id, changes: snapshot(input, auditedFields) });
    return created;
  });
  return conflictOnDuplicate(work, 'key', `A metric with the key ${input.key} already exists`);
}

export async function updateMetric(db: Db, actor: Actor, input: z.output<typeof metricUpdateInput>) {
  const { id, version, ...fields } = input;
  return db.$transaction(async (tx) => {
    const before = await tx.metric.findUnique({ where: { id }, select: metricSelect });
    if (!before || before.archivedAt) throw notFound('Metric', id);
    const { count } = await tx.metric.updateMany({ where: { id, version, archivedAt: null }, data: { ...fields, version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.metric.findUnique({ where: { id }, select: { name: true, unit: true, direction: true, target: true, description: true, version: true } });
      throw await staleConflict(tx, { what: 'This metric', entityType: 'metric', entityId: id, current });
    }
    await recordAudit(tx, actor, { action: 'metric.update', entityType: 'metric', entityId: id, changes: diffFields(before, fields, auditedFields) });
    return { id, version: version + 1 };
  });
}

/**
 * Archiving hides a metric and refuses new values for it; its values stay (criteria and history read
 * them). Restoring brings it back as it was.
 */
export async function setMetricArchived(db: Db, actor: Actor, id: string, archived: boolean, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const before = await tx.metric.findUnique({ where: { id }, select: metricSelect });
    if (!before || (before.archivedAt !== null) === archived) throw notFound(archived ? 'Metric' : 'Archived metric', id);
    await tx.metric.update({ where: { id }, data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } } });
    await recordAudit(tx, actor, { action: archived ? 'metric.archive' : 'metric.restore', entityType: 'metric', entityId: id, changes: snapshot(before, auditedFields) });
    await reevaluateCriteria(tx, actor, today);
    return { id };
  });
}

// ---- values --------------------------------------------------------------------------------------

export interface ValuesWritten {
  /** Values inserted or changed. */
  written: number;
  deleted: number;
  /** Rows that matched what was stored: nothing written, nothing audited. */
  unchanged: number;
  /** The Mondays the rows fell in, oldest first. */
  weeks: IsoDate[];
}

const refOf = (m: { id: string; key: string; unit: string; archivedAt: Date | null }): MetricRef => ({ id: m.id, key: m.key, archived: m.archivedAt !== null, min: unitMinimum(m.unit) });

/**
 * Writes checked rows: only those that change a value (so a repeat is idempotent), in one statement
 * for the inserts and updates and one for the deletes, then one `metric.values` audit event per metric
 * touched (`{ source, <week>: { from, to } }`), then re-evaluates the criteria that read metrics.
 */
async function applyValues(tx: Tx, actor: Actor, rows: readonly ResolvedValue[], source: MetricSource, today: IsoDate): Promise<ValuesWritten> {
  const weeks = [...new Set(rows.map((r) => r.weekStart))].sort();
  const metricIds = [...new Set(rows.map((r) => r.metricId))];
  const stored = await tx.metricValue.findMany({
    where: { metricId: { in: metricIds }, weekStart: { in: weeks.map(fromIsoDate) } },
    select: { metricId: true, weekStart: true, value: true },
  });
  const { changes, unchanged } = planValueChanges(rows, stored.map((s) => ({ ...s, weekStart: toIsoDate(s.weekStart) })));
  const upserts = changes.filter((c) => c.to !== null);
  const deletes = changes.filter((c) => c.to === null);

  if (upserts.length > 0) {
    const json = JSON.stringify(upserts.map((c) => ({ id: randomUUID(), metricId: c.metricId, weekStart: c.weekStart, value: c.to })));
    const now = new Date().toISOString();
    await tx.$executeRaw`
      INSERT INTO "MetricValue" ("id", "metricId", "weekStart", "value", "source", "byName", "updatedAt")
      SELECT x."id", x."metricId", x."weekStart", x."value", ${source}::"MetricSource", ${actor.name}, ${now}::timestamp(3)
      FROM jsonb_to_recordset(${json}::jsonb) AS x("id" uuid, "metricId" uuid, "weekStart" date, "value" double precision)
      ON CONFLICT ("metricId", "weekStart") DO UPDATE
      SET "value" = EXCLUDED."value", "source" = EXCLUDED."source", "byName" = EXCLUDED."byName", "updatedAt" = EXCLUDED."updatedAt"`;
  }
  if (deletes.length > 0) {
    await tx.metricValue.deleteMany({ where: { OR: deletes.map((c) => ({ metricId: c.metricId, weekStart: fromIsoDate(c.weekStart) })) } });
  }

  const byMetric = new Map<string, ValueChange[]>();
  for (const change of changes) byMetric.set(change.metricId, [...(byMetric.get(change.metricId) ?? []), change]);
  for (const [metricId, list] of byMetric) {
    const changed = Object.fromEntries([...list].sort((a, b) => a.weekStart.localeCompare(b.weekStart)).map((c) => [c.weekStart, { from: c.from, to: c.to }]));
    await recordAudit(tx, actor, { action: 'metric.values', entityType: 'metric', entityId: metricId, changes: { source, ...changed } });
  }
  if (changes.length > 0) await reevaluateCriteria(tx, actor, today);
  return { written: upserts.length, deleted: deletes.length, unchanged, weeks };
}

function invalid(message: string, fieldIssues: FieldIssue[]): never {
  throw new DomainError('INVALID', message, fieldIssues);
}

/** The grid: many cells in one transaction (`value: null` deletes); all or nothing. */
export async function setMetricValues(db: Db, actor: Actor, input: z.output<typeof metricSetValuesInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const ids = [...new Set(input.values.map((v) => v.metricId))];
    const metrics = new Map((await tx.metric.findMany({ where: { id: { in: ids } }, select: { id: true, key: true, unit: true, archivedAt: true } })).map((m) => [m.id, refOf(m)]));
    const { values, issues } = resolveValueRows(
      input.values.map((v) => ({ metric: v.metricId, week: v.week, value: v.value })),
      (id) => metrics.get(id),
      today,
      (index) => `values.${index}`,
    );
    if (issues.length > 0) {
      invalid(
        `${issues.length} value(s) could not be saved; nothing was saved`,
        issues.map((i) => ({ path: `values.${i.index}.${i.field === 'metric' ? 'metricId' : i.field}`, message: i.message })),
      );
    }
    return applyValues(tx, actor, values, 'MANUAL', today);
  });
}

async function metricsByKey(tx: Tx, keys?: readonly string[]) {
  const rows = await tx.metric.findMany({ ...(keys && { where: { key: { in: [...keys] } } }), select: { id: true, key: true, unit: true, archivedAt: true } });
  return new Map(rows.map((m) => [m.key, refOf(m)]));
}

/**
 * A CSV of `metric,week,value` rows (more columns are ignored): every row is checked inside the one
 * transaction that writes, and any problem is a BAD_REQUEST whose field issues are
 * `rows.<row>.<column>` (rows numbered from 1 after the header; `csv` for the file), nothing written.
 */
export async function importMetricValues(db: Db, actor: Actor, csv: string, today: IsoDate) {
  const parsed = parseCsv(csv);
  const headerIssues = csvHeaderIssues(parsed.meta.fields ?? []);
  if (headerIssues.length > 0) invalid('The file lacks required columns; nothing was imported', headerIssues.map((message) => ({ path: 'csv', message })));
  const parseIssues = parsed.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ path: e.row === undefined ? 'csv' : `rows.${e.row + 1}.csv`, message: e.message }));
  if (parseIssues.length > 0) invalid('The file could not be read as CSV; nothing was imported', parseIssues);
  if (parsed.data.length === 0) invalid('The file has no data rows', [{ path: 'csv', message: 'The file has no data rows' }]);
  if (parsed.data.length > 10 * 1000) invalid('Import at most 10000 rows at a time', [{ path: 'csv', message: 'Too many rows' }]);

  return db.$transaction(
    async (tx) => {
      await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
      const metrics = await metricsByKey(tx);
      const { values, issues } = checkCsvRows(parsed.data, (key) => metrics.get(key), today);
      if (issues.length > 0) {
        invalid(`The import has ${issues.length} problem(s); nothing was imported`, issues.map((i) => ({ path: `rows.${i.row}.${i.field}`, message: i.message })));
      }
      return { rows: values.length, ...(await applyValues(tx, actor, values, 'CSV', today)) };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * `POST /api/metrics/values` once the token and the body's shape are checked: metric keys must exist
 * (and not be archived), any date stands for the Monday of its week (`adjusted` lists the rows whose
 * date moved), and a row must not repeat a metric and week. Issues are `values.<index>.<field>`.
 */
export async function pushMetricValues(db: Db, actor: Actor, body: z.output<typeof metricPushBody>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const metrics = await metricsByKey(tx, [...new Set(body.values.map((v) => v.metric))]);
    const { values, issues } = resolveValueRows(body.values, (key) => metrics.get(key), today, (index) => `values.${index}`);
    if (issues.length > 0) invalid('The payload has problems; nothing was written', issues.map((i) => ({ path: `values.${i.index}.${i.field}`, message: i.message })));
    const { written, unchanged, weeks } = await applyValues(tx, actor, values, 'API', today);
    const adjusted = values.filter((v) => v.week !== v.weekStart).map((v) => ({ index: v.index, week: v.week, weekStart: v.weekStart }));
    return { written, unchanged, weeks, adjusted };
  });
}
