import { roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { tokenCreateInput, tokenIdInput } from './tokens.schema.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

const adminOnly = roleProcedure(...rights.manageTokens);

export const tokensRouter = router({
  list: adminOnly.query(({ ctx }) => listTokens(ctx.db.prisma)),
  create: adminOnly.input(tokenCreateInput).mutation(({ ctx, input }) => createToken(ctx.db.prisma, ctx.actor, input)),
  revoke: adminOnly.input(tokenIdInput).mutation(({ ctx, input }) => revokeToken(ctx.db.prisma, ctx.actor, input.id)),
});
