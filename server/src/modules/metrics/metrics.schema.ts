// Shared with the web: imports only zod. Messages stay zod's defaults; the web translates issues by code.
import { z } from 'zod';
import { entityId, isoDate, version } from '../plans/plans.schema.js';

export const metricDirections = ['UP', 'DOWN'] as const;
export type MetricDirection = (typeof metricDirections)[number];
export const metricSources = ['MANUAL', 'CSV', 'API'] as const;
export type MetricSource = (typeof metricSources)[number];

/** Rows per grid save, CSV import and HTTP push. */
export const MAX_VALUES_PER_WRITE = 1000;
export const MAX_CSV_BYTES = 1024 * 1024;
/** Weeks a list may cover: two years at most. */
export const MAX_WEEKS = 104;
/** A value's magnitude: anything larger is a unit mistake, not a weekly KPI. */
export const MAX_ABS_VALUE = 1e12;

/** How other systems name a metric (CSV, HTTP push, metric criteria): lower-case snake case. */
export const metricKey = z.string().trim().min(1).max(64).regex(/^[a-z][a-z0-9_]*$/);
export const metricDirection = z.enum(metricDirections);
export const metricValue = z.number().finite().min(-MAX_ABS_VALUE).max(MAX_ABS_VALUE);
export const metricTarget = metricValue.nullable();

const fields = {
  name: z.string().trim().min(1).max(120),
  unit: z.string().trim().max(40),
  direction: metricDirection,
  target: metricTarget,
  description: z.string().trim().max(2000),
};

export const metricCreateInput = z.object({
  key: metricKey,
  name: fields.name,
  unit: fields.unit.default(''),
  direction: fields.direction.default('UP'),
  target: fields.target.default(null),
  description: fields.description.default(''),
});
export type MetricCreateInput = z.input<typeof metricCreateInput>;

/** The key is fixed once defined: pushes, CSV files and criteria refer to it. */
export const metricUpdateInput = z.object({
  id: entityId,
  version,
  name: fields.name.optional(),
  unit: fields.unit.optional(),
  direction: fields.direction.optional(),
  target: fields.target.optional(),
  description: fields.description.optional(),
});
export type MetricUpdateInput = z.input<typeof metricUpdateInput>;

/** What the web's define/edit form holds. */
export const metricFormSchema = z.object({ key: metricKey, ...fields });
export type MetricForm = z.input<typeof metricFormSchema>;

export const metricIdInput = z.object({ id: entityId });

export const metricListInput = z
  .object({
    /** Weeks up to and including the current one. */
    weeks: z.number().int().min(1).max(MAX_WEEKS).default(12),
    includeArchived: z.boolean().default(false),
  })
  .default({ weeks: 12, includeArchived: false });
export type MetricListInput = z.input<typeof metricListInput>;

/** A grid cell: `value: null` deletes the week's value. Any date stands for the Monday of its ISO week. */
export const metricCellInput = z.object({ metricId: entityId, week: isoDate, value: metricValue.nullable() });
export const metricSetValuesInput = z.object({ values: z.array(metricCellInput).min(1).max(MAX_VALUES_PER_WRITE) });
export type MetricSetValuesInput = z.input<typeof metricSetValuesInput>;

export const metricImportInput = z.object({ csv: z.string().min(1).max(MAX_CSV_BYTES) });
export type MetricImportInput = z.input<typeof metricImportInput>;

/** The CSV header (in this order in the template); every column is required. */
export const metricImportColumns = ['metric', 'week', 'value'] as const;
export type MetricImportColumn = (typeof metricImportColumns)[number];

/** `POST /api/metrics/values`: what a machine client sends with its API token. */
export const metricPushBody = z.object({
  values: z
    .array(z.object({ metric: metricKey, week: isoDate, value: metricValue }))
    .min(1)
    .max(MAX_VALUES_PER_WRITE),
});
export type MetricPushBody = z.input<typeof metricPushBody>;
