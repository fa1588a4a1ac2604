import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { auditForEntityInput, auditListInput } from './audit.schema.js';
import { auditActors, historyForReader, listAuditEvents } from './audit.service.js';

// Read-only by design: the trail is written by the services that make each change, and nothing may
// edit or delete it, so this router has no mutations.
const auditors = roleProcedure('leadership', 'admin');

export const auditRouter = router({
  list: auditors.input(auditListInput).query(({ ctx, input }) => listAuditEvents(ctx.db.prisma, input)),
  actors: auditors.query(({ ctx }) => auditActors(ctx.db.prisma)),
  forEntity: readProcedure.input(auditForEntityInput).query(({ ctx, input }) => historyForReader(ctx.db.prisma, ctx.user, input)),
});
