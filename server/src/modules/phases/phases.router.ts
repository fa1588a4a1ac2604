import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { phaseByKeyInput, phaseUpdateInput } from './phases.schema.js';
import { getPhase, updatePhase } from './phases.service.js';

export const phasesRouter = router({
  byKey: readProcedure.input(phaseByKeyInput).query(({ ctx, input }) => getPhase(ctx.db.prisma, input, ctx.today())),
  update: roleProcedure('pm', 'leadership', 'admin').input(phaseUpdateInput).mutation(({ ctx, input }) => updatePhase(ctx.db.prisma, ctx.actor, input)),
});
