import { z } from 'zod';
import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { publicEvidenceEnabled, setPublicEvidenceEnabled } from './public-evidence.service.js';

export const publicEvidenceRouter = router({
  /** Whether the public page is on; anyone signed in may see where it is. */
  settings: readProcedure.query(async ({ ctx }) => ({ enabled: await publicEvidenceEnabled(ctx.db.prisma), path: '/public/evidence' })),
  setEnabled: roleProcedure(...rights.managePublicEvidence)
    .input(z.object({ enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setPublicEvidenceEnabled(ctx.db.prisma, ctx.actor, input.enabled)),
});
