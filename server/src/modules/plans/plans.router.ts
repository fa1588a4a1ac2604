import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { planByIdInput, planCreateInput, planSetCurrentInput, planUpdateInput } from './plans.schema.js';
import { createPlan, getCurrentPlan, getPlan, listPlans, setCurrentPlan, updatePlan } from './plans.service.js';

const planner = roleProcedure(...rights.editPlan);

export const plansRouter = router({
  list: readProcedure.query(({ ctx }) => listPlans(ctx.db.prisma, ctx.today())),
  current: readProcedure.query(({ ctx }) => getCurrentPlan(ctx.db.prisma, ctx.today())),
  byId: readProcedure.input(planByIdInput).query(({ ctx, input }) => getPlan(ctx.db.prisma, input.id, ctx.today())),
  create: planner.input(planCreateInput).mutation(({ ctx, input }) => createPlan(ctx.db.prisma, ctx.actor, input, ctx.today())),
  update: planner.input(planUpdateInput).mutation(({ ctx, input }) => updatePlan(ctx.db.prisma, ctx.actor, input)),
  setCurrent: planner.input(planSetCurrentInput).mutation(({ ctx, input }) => setCurrentPlan(ctx.db.prisma, ctx.actor, input.id, ctx.today())),
});
