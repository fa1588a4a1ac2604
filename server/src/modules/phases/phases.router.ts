import { publicProcedure, router } from '../../trpc.js';
import { phaseByKeyInput, phaseUpdateInput } from './phases.schema.js';
import { getPhase, updatePhase } from './phases.service.js';

export const phasesRouter = router({
  byKey: publicProcedure.input(phaseByKeyInput).query(({ ctx, input }) => getPhase(ctx.db.prisma, input, ctx.today())),
  update: publicProcedure.input(phaseUpdateInput).mutation(({ ctx, input }) => updatePhase(ctx.db.prisma, input)),
});
