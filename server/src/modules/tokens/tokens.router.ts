import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { personalTokenCreateInput, tokenCreateInput, tokenIdInput } from './tokens.schema.js';
import { createPersonalToken, createServiceToken, listMyTokens, listTokens, revokeToken } from './tokens.service.js';

const adminOnly = roleProcedure(...rights.manageTokens);
/** Everyone signed in manages their own tokens; the service checks whose a token is. */
const anyone = roleProcedure(...rights.ownTokens);

// No token reaches these (tokens.rules: tokenRefusal): tokens are managed from a signed-in session only.
export const tokensRouter = router({
  list: adminOnly.query(({ ctx }) => listTokens(ctx.db.prisma)),
  mine: readProcedure.query(({ ctx }) => listMyTokens(ctx.db.prisma, ctx.actor)),
  create: adminOnly.input(tokenCreateInput).mutation(({ ctx, input }) => createServiceToken(ctx.db.prisma, ctx.actor, input)),
  createPersonal: anyone.input(personalTokenCreateInput).mutation(({ ctx, input }) => createPersonalToken(ctx.db.prisma, ctx.actor, input)),
  revoke: anyone.input(tokenIdInput).mutation(({ ctx, input }) => revokeToken(ctx.db.prisma, ctx.actor, input.id)),
});
