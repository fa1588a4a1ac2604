import { roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { itemIdInput, itemReorderInput } from '../plans/plan-item.schema.js';
import { deliverableCreateInput, deliverableUpdateInput } from './deliverables.schema.js';
import { archiveDeliverable, createDeliverable, reorderDeliverables, restoreDeliverable, updateDeliverable } from './deliverables.service.js';

const planner = roleProcedure(...rights.editPlan);

export const deliverablesRouter = router({
  create: planner.input(deliverableCreateInput).mutation(({ ctx, input }) => createDeliverable(ctx.db.prisma, ctx.actor, input)),
  update: planner.input(deliverableUpdateInput).mutation(({ ctx, input }) => updateDeliverable(ctx.db.prisma, ctx.actor, input)),
  archive: planner.input(itemIdInput).mutation(({ ctx, input }) => archiveDeliverable(ctx.db.prisma, ctx.actor, input.id)),
  restore: planner.input(itemIdInput).mutation(({ ctx, input }) => restoreDeliverable(ctx.db.prisma, ctx.actor, input.id)),
  reorder: planner
    .input(itemReorderInput)
    .mutation(({ ctx, input }) => reorderDeliverables(ctx.db.prisma, ctx.actor, input.phaseId, input.orderedIds)),
});
