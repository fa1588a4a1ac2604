import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { auditForEntityInput, auditListInput } from './audit.schema.js';
import { auditChainStatus, verifyAuditChainIncrementally } from './audit-chain.service.js';
import { auditActors, historyForReader, listAuditEvents } from './audit.service.js';

// Read-only by design: the trail is written by the services that make each change, and nothing may
// edit or delete it. The one mutation verifies the hash chain (and records that it did); it writes no event.
const auditors = roleProcedure(...rights.readAudit);

export const auditRouter = router({
  list: auditors.input(auditListInput).query(({ ctx, input }) => listAuditEvents(ctx.db.prisma, input)),
  actors: auditors.query(({ ctx }) => auditActors(ctx.db.prisma)),
  /** The hash chain's head and its last verification. */
  chain: auditors.query(({ ctx }) => auditChainStatus(ctx.db.prisma)),
  /** Verifies what is new since the last intact verification, now. */
  verifyChain: auditors.mutation(async ({ ctx }) => {
    const result = await verifyAuditChainIncrementally(ctx.db.prisma);
    return { ok: result.ok, checked: result.checked, ms: result.ms, verifiedSeq: result.verified.seq, problem: result.broken?.message ?? null };
  }),
  forEntity: readProcedure.input(auditForEntityInput).query(({ ctx, input }) => historyForReader(ctx.db.prisma, ctx.user, input)),
});
