import { publicProcedure, router } from '../../trpc.js';
import { itemIdInput, itemReorderInput } from '../plans/plan-item.schema.js';
import { archiveItem, reorderItems, restoreItem } from '../plans/plan-items.service.js';
import { gateCreateInput, gateUpdateInput } from './gates.schema.js';
import { createGate, updateGate } from './gates.service.js';

export const gatesRouter = router({
  create: publicProcedure.input(gateCreateInput).mutation(({ ctx, input }) => createGate(ctx.db.prisma, input)),
  update: publicProcedure.input(gateUpdateInput).mutation(({ ctx, input }) => updateGate(ctx.db.prisma, input)),
  archive: publicProcedure.input(itemIdInput).mutation(({ ctx, input }) => archiveItem(ctx.db.prisma, 'gate', input.id)),
  restore: publicProcedure.input(itemIdInput).mutation(({ ctx, input }) => restoreItem(ctx.db.prisma, 'gate', input.id)),
  reorder: publicProcedure
    .input(itemReorderInput)
    .mutation(({ ctx, input }) => reorderItems(ctx.db.prisma, 'gate', input.phaseId, input.orderedIds)),
});
