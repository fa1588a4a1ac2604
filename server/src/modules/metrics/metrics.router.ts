import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { metricCreateInput, metricIdInput, metricImportInput, metricListInput, metricSetValuesInput, metricUpdateInput } from './metrics.schema.js';
import { defineMetric, importMetricValues, listMetrics, setMetricArchived, setMetricValues, updateMetric } from './metrics.service.js';

// Machines push values over HTTP with an API token instead (POST /api/metrics/values, server/src/metrics-push.ts).
const editor = roleProcedure(...rights.editMetrics);

export const metricsRouter = router({
  list: readProcedure.input(metricListInput).query(({ ctx, input }) => listMetrics(ctx.db.prisma, input, ctx.today())),

  define: editor.input(metricCreateInput).mutation(({ ctx, input }) => defineMetric(ctx.db.prisma, ctx.actor, input)),
  update: editor.input(metricUpdateInput).mutation(({ ctx, input }) => updateMetric(ctx.db.prisma, ctx.actor, input)),
  archive: editor.input(metricIdInput).mutation(({ ctx, input }) => setMetricArchived(ctx.db.prisma, ctx.actor, input.id, true, ctx.today())),
  restore: editor.input(metricIdInput).mutation(({ ctx, input }) => setMetricArchived(ctx.db.prisma, ctx.actor, input.id, false, ctx.today())),
  setValues: editor.input(metricSetValuesInput).mutation(({ ctx, input }) => setMetricValues(ctx.db.prisma, ctx.actor, input, ctx.today())),
  importCsv: editor.input(metricImportInput).mutation(({ ctx, input }) => importMetricValues(ctx.db.prisma, ctx.actor, input.csv, ctx.today())),
});
