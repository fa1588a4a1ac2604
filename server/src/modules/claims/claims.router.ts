import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { claimCreateInput, claimIdInput, claimListInput, claimPublishInput, claimRetractInput, claimUpdateInput, claimVersionInput } from './claims.schema.js';
import { approveClaim, archiveClaim, claimById, createClaim, listClaims, publishClaim, restoreClaim, retractClaim, updateClaim } from './claims.service.js';

// The roles come from claims.rules, which the service checks again with the claim's state.
const writer = roleProcedure(...rights.editClaims);
const approver = roleProcedure(...rights.approveClaims);
const publisher = roleProcedure(...rights.publishClaims);
const retractor = roleProcedure(...rights.retractClaims);

export const claimsRouter = router({
  list: readProcedure.input(claimListInput).query(({ ctx, input }) => listClaims(ctx.db.prisma, input)),
  byId: readProcedure.input(claimIdInput).query(({ ctx, input }) => claimById(ctx.db.prisma, ctx.actor, input.id)),

  create: writer.input(claimCreateInput).mutation(({ ctx, input }) => createClaim(ctx.db.prisma, ctx.actor, input)),
  update: writer.input(claimUpdateInput).mutation(({ ctx, input }) => updateClaim(ctx.db.prisma, ctx.actor, input)),
  archive: writer.input(claimIdInput).mutation(({ ctx, input }) => archiveClaim(ctx.db.prisma, ctx.actor, input.id)),
  restore: writer.input(claimIdInput).mutation(({ ctx, input }) => restoreClaim(ctx.db.prisma, ctx.actor, input.id)),
  approve: approver.input(claimVersionInput).mutation(({ ctx, input }) => approveClaim(ctx.db.prisma, ctx.actor, input)),
  publish: publisher.input(claimPublishInput).mutation(({ ctx, input }) => publishClaim(ctx.db.prisma, ctx.actor, input)),
  retract: retractor.input(claimRetractInput).mutation(({ ctx, input }) => retractClaim(ctx.db.prisma, ctx.actor, input)),
});
