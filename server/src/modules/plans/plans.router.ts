import { publicProcedure, router } from '../../trpc.js';
import { planByIdInput, planCreateInput, planSetCurrentInput, planUpdateInput } from './plans.schema.js';
import { createPlan, getCurrentPlan, getPlan, listPlans, setCurrentPlan, updatePlan } from './plans.service.js';

export const plansRouter = router({
  list: publicProcedure.query(({ ctx }) => listPlans(ctx.db.prisma, ctx.today())),
  current: publicProcedure.query(({ ctx }) => getCurrentPlan(ctx.db.prisma, ctx.today())),
  byId: publicProcedure.input(planByIdInput).query(({ ctx, input }) => getPlan(ctx.db.prisma, input.id, ctx.today())),
  create: publicProcedure.input(planCreateInput).mutation(({ ctx, input }) => createPlan(ctx.db.prisma, input)),
  update: publicProcedure.input(planUpdateInput).mutation(({ ctx, input }) => updatePlan(ctx.db.prisma, input)),
  setCurrent: publicProcedure.input(planSetCurrentInput).mutation(({ ctx, input }) => setCurrentPlan(ctx.db.prisma, input.id)),
});
