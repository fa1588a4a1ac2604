import { roleProcedure, readProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import { deliveriesListInput, deliveryRetryInput, followInput, followTarget, mailLanguageInput, inboxListInput, markReadInput, preferenceInput } from './notifications.schema.js';
import { listDeliveries, retryDelivery } from '../outbox/outbox.service.js';
import { isFollowing, listInbox, markAllRead, markRead, preferencesOf, setFollow, setPreference, unreadCount } from './notifications.service.js';
import { availableChannels } from './notifications.service.js';
import { mailLanguage, setMailLanguage } from './email.service.js';

// Each person's own inbox, preferences and follows: every role may change its own, and only its own.
const ownRecords = roleProcedure(...rights.ownInbox);
const adminOnly = roleProcedure(...rights.manageDeliveries);

export const notificationsRouter = router({
  unreadCount: readProcedure.query(({ ctx }) => unreadCount(ctx.db.prisma, ctx.user.id)),
  list: readProcedure.input(inboxListInput).query(({ ctx, input }) => listInbox(ctx.db.prisma, ctx.user.id, input)),
  markRead: ownRecords.input(markReadInput).mutation(({ ctx, input }) => markRead(ctx.db.prisma, ctx.user.id, input.ids)),
  markAllRead: ownRecords.mutation(({ ctx }) => markAllRead(ctx.db.prisma, ctx.user.id)),
  preferences: readProcedure.query(({ ctx }) => preferencesOf(ctx.db.prisma, ctx.user.id, availableChannels(ctx))),
  setPreference: ownRecords.input(preferenceInput).mutation(({ ctx, input }) => setPreference(ctx.db.prisma, ctx.user.id, input)),
  mailLanguage: readProcedure.query(({ ctx }) => mailLanguage(ctx.db.prisma, ctx.user.id)),
  setMailLanguage: ownRecords.input(mailLanguageInput).mutation(({ ctx, input }) => setMailLanguage(ctx.db.prisma, ctx.user.id, input.language)),
  following: readProcedure.input(followTarget).query(({ ctx, input }) => isFollowing(ctx.db.prisma, ctx.user.id, input)),
  follow: ownRecords.input(followInput).mutation(({ ctx, input }) => setFollow(ctx.db.prisma, ctx.user.id, input)),
  deliveries: adminOnly.input(deliveriesListInput).query(({ ctx, input }) => listDeliveries(ctx.db.prisma, input)),
  retryDelivery: adminOnly.input(deliveryRetryInput).mutation(({ ctx, input }) => retryDelivery(ctx.db.prisma, input.id)),
});
