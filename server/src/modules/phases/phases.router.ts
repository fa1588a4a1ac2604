import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { phaseByKeyInput, phaseUpdateInput } from './phases.schema.js';
import { getPhase, updatePhase } from './phases.service.js';
import { getPhaseScorecard } from './scorecard.service.js';

export const phasesRouter = router({
  byKey: readProcedure.input(phaseByKeyInput).query(({ ctx, input }) => getPhase(ctx.db.prisma, input, ctx.today())),
  /** Counts, health, exit readiness and the deliverables burn-up of one phase. */
  scorecard: readProcedure.input(phaseByKeyInput).query(({ ctx, input }) => getPhaseScorecard(ctx.db.prisma, input, ctx.today())),
  update: roleProcedure(...rights.editPlan).input(phaseUpdateInput).mutation(({ ctx, input }) => updatePhase(ctx.db.prisma, ctx.actor, input)),
});
