import { gateByKeyInput, gateSummaryOutput } from '../gate-runs/gate-runs.schema.js';
import { gateByKey } from '../gate-runs/gate-runs.service.js';
import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { itemIdInput, itemReorderInput } from '../plans/plan-item.schema.js';
import { gateByIdInput, gateCreateInput, gateSetStatusInput, gateUpdateInput } from './gates.schema.js';
import { decisionPackById, decisionPacksForGate } from './decision-pack.service.js';
import { archiveGate, createGate, gateById, reorderGates, restoreGate, setGateStatus, updateGate } from './gates.service.js';

const planner = roleProcedure(...rights.editPlan);

export const gatesRouter = router({
  byKey: readProcedure
    .meta({ openapi: { method: 'GET', path: '/gates/{key}', tags: ['gates'], protect: true, summary: 'A gate by its key, with why each criterion is met or not' } })
    .input(gateByKeyInput)
    .output(gateSummaryOutput)
    .query(({ ctx, input }) => gateByKey(ctx.db.prisma, input.key, ctx.today())),
  byId: readProcedure.input(gateByIdInput).query(({ ctx, input }) => gateById(ctx.db.prisma, input.id, ctx.today())),
  create: planner.input(gateCreateInput).mutation(({ ctx, input }) => createGate(ctx.db.prisma, ctx.actor, input)),
  update: planner.input(gateUpdateInput).mutation(({ ctx, input }) => updateGate(ctx.db.prisma, ctx.actor, input)),
  /** pm: working statuses; leadership and admin: also the Go / Conditional Go / No-go decision. */
  setStatus: planner.input(gateSetStatusInput).mutation(({ ctx, input }) => setGateStatus(ctx.db.prisma, ctx.actor, input, ctx.today())),
  /** What each decision on the gate rested on, frozen when it was made. */
  decisionPacks: readProcedure.input(gateByIdInput).query(({ ctx, input }) => decisionPacksForGate(ctx.db.prisma, input.id)),
  decisionPack: readProcedure.input(gateByIdInput).query(({ ctx, input }) => decisionPackById(ctx.db.prisma, input.id)),
  archive: planner.input(itemIdInput).mutation(({ ctx, input }) => archiveGate(ctx.db.prisma, ctx.actor, input.id)),
  restore: planner.input(itemIdInput).mutation(({ ctx, input }) => restoreGate(ctx.db.prisma, ctx.actor, input.id)),
  reorder: planner
    .input(itemReorderInput)
    .mutation(({ ctx, input }) => reorderGates(ctx.db.prisma, ctx.actor, input.phaseId, input.orderedIds)),
});
