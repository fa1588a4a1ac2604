import { readProcedure, router } from '../../trpc.js';
import { searchInput } from './search.schema.js';
import { search } from './search.service.js';

export const searchRouter = router({
  /** Every role searches; what each finds is filtered by search.rules.ts `searchRights`. */
  find: readProcedure.input(searchInput).query(({ ctx, input }) => search(ctx.db.prisma, ctx.actor, input)),
});
