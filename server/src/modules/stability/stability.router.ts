import { readProcedure, router } from '../../trpc.js';
import { readStabilityState } from './stability.service.js';

export const stabilityRouter = router({
  /** Every page's banner reads this: any signed-in role. */
  state: readProcedure.query(({ ctx }) => readStabilityState(ctx.db.prisma)),
});
