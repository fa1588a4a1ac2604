import { publicProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from './rights.js';
import { firstAdminInput, meOutput, setPasswordWithTokenInput, userCreateInput, userIdInput, userSetRoleInput } from './users.schema.js';
import {
  createFirstAdmin,
  createUser,
  listUsers,
  me,
  resetPassword,
  revokeSessions,
  setActive,
  setPasswordWithToken,
  setRole,
  setupState,
} from './users.service.js';

const adminOnly = roleProcedure(...rights.manageUsers);

export const usersRouter = router({
  /** The signed-in user, or null: what the web's route guard reads. */
  me: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/me', tags: ['me'], protect: true, summary: 'Who the token acts as, with its role' } })
    .output(meOutput)
    .query(({ ctx }) => me(ctx.user)),
  setupState: publicProcedure.query(({ ctx }) => setupState(ctx.db.prisma)),
  /** Demo mode only: the accounts to try, one per role. Empty otherwise. */
  demoAccounts: publicProcedure.query(({ ctx }) => ctx.demoAccounts ?? []),
  createFirstAdmin: publicProcedure
    .input(firstAdminInput)
    .mutation(({ ctx, input }) => createFirstAdmin(ctx.db.prisma, ctx.auth, input, ctx.requestId)),
  setPasswordWithToken: publicProcedure
    .input(setPasswordWithTokenInput)
    .mutation(({ ctx, input }) => setPasswordWithToken(ctx.db.prisma, ctx.auth, input, ctx.requestId)),

  list: adminOnly.query(({ ctx }) => listUsers(ctx.db.prisma)),
  create: adminOnly.input(userCreateInput).mutation(({ ctx, input }) => createUser(ctx.db.prisma, ctx.auth, ctx.actor, input)),
  setRole: adminOnly.input(userSetRoleInput).mutation(({ ctx, input }) => setRole(ctx.db.prisma, ctx.actor, input.userId, input.role)),
  deactivate: adminOnly.input(userIdInput).mutation(({ ctx, input }) => setActive(ctx.db.prisma, ctx.actor, input.userId, false)),
  reactivate: adminOnly.input(userIdInput).mutation(({ ctx, input }) => setActive(ctx.db.prisma, ctx.actor, input.userId, true)),
  resetPassword: adminOnly.input(userIdInput).mutation(({ ctx, input }) => resetPassword(ctx.db.prisma, ctx.auth, ctx.actor, input.userId)),
  revokeSessions: adminOnly.input(userIdInput).mutation(({ ctx, input }) => revokeSessions(ctx.db.prisma, ctx.actor, input.userId)),
});
