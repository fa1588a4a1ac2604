import { readProcedure, router } from '../../trpc.js';
import { homeOverview } from './home.service.js';

export const homeRouter = router({
  /** The leadership home page: any signed-in role may read it. */
  overview: readProcedure.query(({ ctx }) => homeOverview(ctx.db.prisma, ctx.today())),
});
