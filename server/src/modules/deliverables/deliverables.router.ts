import { publicProcedure, router } from '../../trpc.js';
import { itemIdInput, itemReorderInput } from '../plans/plan-item.schema.js';
import { archiveItem, reorderItems, restoreItem } from '../plans/plan-items.service.js';
import { deliverableCreateInput, deliverableUpdateInput } from './deliverables.schema.js';
import { createDeliverable, updateDeliverable } from './deliverables.service.js';

export const deliverablesRouter = router({
  create: publicProcedure.input(deliverableCreateInput).mutation(({ ctx, input }) => createDeliverable(ctx.db.prisma, input)),
  update: publicProcedure.input(deliverableUpdateInput).mutation(({ ctx, input }) => updateDeliverable(ctx.db.prisma, input)),
  archive: publicProcedure.input(itemIdInput).mutation(({ ctx, input }) => archiveItem(ctx.db.prisma, 'deliverable', input.id)),
  restore: publicProcedure.input(itemIdInput).mutation(({ ctx, input }) => restoreItem(ctx.db.prisma, 'deliverable', input.id)),
  reorder: publicProcedure
    .input(itemReorderInput)
    .mutation(({ ctx, input }) => reorderItems(ctx.db.prisma, 'deliverable', input.phaseId, input.orderedIds)),
});
