import { roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { criterionCreateInput, criterionIdInput, criterionReorderInput, criterionTickInput, criterionUpdateInput } from './criteria.schema.js';
import { createCriterion, reorderCriteria, setCriterionDeleted, tickCriterion, updateCriterion } from './criteria.service.js';

// Criteria are read with their gate (gates.byId) or deliverable; pm and leadership define and tick them.
const planner = roleProcedure(...rights.editPlan);

export const criteriaRouter = router({
  create: planner.input(criterionCreateInput).mutation(({ ctx, input }) => createCriterion(ctx.db.prisma, ctx.actor, input, ctx.today())),
  update: planner.input(criterionUpdateInput).mutation(({ ctx, input }) => updateCriterion(ctx.db.prisma, ctx.actor, input, ctx.today())),
  tick: planner.input(criterionTickInput).mutation(({ ctx, input }) => tickCriterion(ctx.db.prisma, ctx.actor, input, ctx.today())),
  delete: planner.input(criterionIdInput).mutation(({ ctx, input }) => setCriterionDeleted(ctx.db.prisma, ctx.actor, input.id, true, ctx.today())),
  restore: planner.input(criterionIdInput).mutation(({ ctx, input }) => setCriterionDeleted(ctx.db.prisma, ctx.actor, input.id, false, ctx.today())),
  reorder: planner.input(criterionReorderInput).mutation(({ ctx, input }) => reorderCriteria(ctx.db.prisma, ctx.actor, input)),
});
