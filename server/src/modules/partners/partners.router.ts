import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import {
  activityLogInput,
  funnelInput,
  importInput,
  partnerCreateInput,
  partnerBoardInput,
  partnerColumnInput,
  partnerExportInput,
  partnerIdInput,
  partnerListInput,
  partnerMoveStageInput,
  partnerUpdateInput,
  pocUpsertInput,
} from './partners.schema.js';
import {
  archivePartner,
  createPartner,
  exportPartners,
  listOwners,
  listPartners,
  logActivity,
  movePartnerStage,
  partnerBoard,
  partnerById,
  partnerColumn,
  partnerTimeline,
  restorePartner,
  updatePartner,
  upsertPoc,
} from './partners.service.js';
import { partnerFunnel } from './funnel.service.js';
import { commitImport, previewImport } from './partners-import.service.js';

// Sales edit only the partners they own; the service checks ownership (partners.rules: mayEditPartner).
const seller = roleProcedure(...rights.editPartners);

export const partnersRouter = router({
  board: readProcedure.input(partnerBoardInput).query(({ ctx, input }) => partnerBoard(ctx.db.prisma, input, ctx.today())),
  boardColumn: readProcedure.input(partnerColumnInput).query(({ ctx, input }) => partnerColumn(ctx.db.prisma, input, ctx.today())),
  list: readProcedure.input(partnerListInput).query(({ ctx, input }) => listPartners(ctx.db.prisma, input, ctx.today())),
  export: readProcedure.input(partnerExportInput).query(({ ctx, input }) => exportPartners(ctx.db.prisma, input, ctx.today())),
  byId: readProcedure.input(partnerIdInput).query(({ ctx, input }) => partnerById(ctx.db.prisma, ctx.actor, input.id, ctx.today())),
  timeline: readProcedure.input(partnerIdInput).query(({ ctx, input }) => partnerTimeline(ctx.db.prisma, input.id)),
  owners: readProcedure.query(({ ctx }) => listOwners(ctx.db.prisma)),
  funnel: readProcedure.input(funnelInput).query(({ ctx, input }) => partnerFunnel(ctx.db.prisma, input.asOf ?? ctx.today())),

  create: seller.input(partnerCreateInput).mutation(({ ctx, input }) => createPartner(ctx.db.prisma, ctx.actor, input, ctx.today())),
  update: seller.input(partnerUpdateInput).mutation(({ ctx, input }) => updatePartner(ctx.db.prisma, ctx.actor, input, ctx.today())),
  moveStage: seller.input(partnerMoveStageInput).mutation(({ ctx, input }) => movePartnerStage(ctx.db.prisma, ctx.actor, input, ctx.today())),
  archive: seller.input(partnerIdInput).mutation(({ ctx, input }) => archivePartner(ctx.db.prisma, ctx.actor, input.id, ctx.today())),
  restore: seller.input(partnerIdInput).mutation(({ ctx, input }) => restorePartner(ctx.db.prisma, ctx.actor, input.id, ctx.today())),
  logActivity: seller.input(activityLogInput).mutation(({ ctx, input }) => logActivity(ctx.db.prisma, ctx.actor, input)),
  upsertPoc: seller.input(pocUpsertInput).mutation(({ ctx, input }) => upsertPoc(ctx.db.prisma, ctx.actor, input)),

  importPreview: seller.input(importInput).mutation(({ ctx, input }) => previewImport(ctx.db.prisma, input.csv)),
  importCommit: seller.input(importInput).mutation(({ ctx, input }) => commitImport(ctx.db.prisma, ctx.actor, input.csv, ctx.today())),
});
