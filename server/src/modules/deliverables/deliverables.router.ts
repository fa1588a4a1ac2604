import { roleProcedure, router } from '../../trpc.js';
import { itemIdInput, itemReorderInput } from '../plans/plan-item.schema.js';
import { archiveItem, reorderItems, restoreItem } from '../plans/plan-items.service.js';
import { deliverableCreateInput, deliverableUpdateInput } from './deliverables.schema.js';
import { createDeliverable, updateDeliverable } from './deliverables.service.js';

const planner = roleProcedure('pm', 'leadership', 'admin');

export const deliverablesRouter = router({
  create: planner.input(deliverableCreateInput).mutation(({ ctx, input }) => createDeliverable(ctx.db.prisma, ctx.actor, input)),
  update: planner.input(deliverableUpdateInput).mutation(({ ctx, input }) => updateDeliverable(ctx.db.prisma, ctx.actor, input)),
  archive: planner.input(itemIdInput).mutation(({ ctx, input }) => archiveItem(ctx.db.prisma, ctx.actor, 'deliverable', input.id)),
  restore: planner.input(itemIdInput).mutation(({ ctx, input }) => restoreItem(ctx.db.prisma, ctx.actor, 'deliverable', input.id)),
  reorder: planner
    .input(itemReorderInput)
    .mutation(({ ctx, input }) => reorderItems(ctx.db.prisma, ctx.actor, 'deliverable', input.phaseId, input.orderedIds)),
});
