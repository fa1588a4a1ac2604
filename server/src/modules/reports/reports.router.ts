import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { reportMonthInput } from './reports.schema.js';
import { monthlyReportView, publishedReports, publishMonthlyReport } from './reports.service.js';

export const reportsRouter = router({
  monthly: readProcedure.input(reportMonthInput).query(({ ctx, input }) => monthlyReportView(ctx.db.prisma, input.month, ctx.today())),
  published: readProcedure.query(({ ctx }) => publishedReports(ctx.db.prisma)),
  /** Leadership publishes a month's report for the public evidence page. */
  publish: roleProcedure(...rights.publishReports)
    .input(reportMonthInput)
    .mutation(({ ctx, input }) => publishMonthlyReport(ctx.db.prisma, ctx.actor, input.month, ctx.today())),
});
