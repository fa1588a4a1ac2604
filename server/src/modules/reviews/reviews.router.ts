import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import {
  actionItemCreateInput,
  actionItemStatusInput,
  attendeesSetInput,
  decisionCreateInput,
  noteSaveInput,
  reviewCloseInput,
  reviewWeekInput,
} from './reviews.schema.js';
import {
  addActionItem,
  addDecision,
  closeReview,
  listReviews,
  openActionItems,
  openThisWeek,
  reviewByWeek,
  reviewMarkdown,
  reviewPeople,
  reviewTargets,
  saveNote,
  setActionItemStatus,
  setAttendees,
} from './reviews.service.js';

const writer = roleProcedure(...rights.writeReviews);
const closer = roleProcedure(...rights.closeReviews);

export const reviewsRouter = router({
  list: readProcedure.query(({ ctx }) => listReviews(ctx.db.prisma)),
  byWeek: readProcedure.input(reviewWeekInput).query(({ ctx, input }) => reviewByWeek(ctx.db.prisma, input.weekStart, ctx.today())),
  people: readProcedure.query(({ ctx }) => reviewPeople(ctx.db.prisma)),
  targets: readProcedure.query(({ ctx }) => reviewTargets(ctx.db.prisma)),
  openActionItems: readProcedure.query(({ ctx }) => openActionItems(ctx.db.prisma, ctx.today())),
  exportMarkdown: readProcedure.input(reviewWeekInput).query(({ ctx, input }) => reviewMarkdown(ctx.db.prisma, input.weekStart, ctx.today())),

  openThisWeek: writer.mutation(({ ctx }) => openThisWeek(ctx.db.prisma, ctx.actor, ctx.today())),
  setAttendees: writer.input(attendeesSetInput).mutation(({ ctx, input }) => setAttendees(ctx.db.prisma, ctx.actor, input)),
  saveNote: writer.input(noteSaveInput).mutation(({ ctx, input }) => saveNote(ctx.db.prisma, ctx.actor, input)),
  addDecision: writer.input(decisionCreateInput).mutation(({ ctx, input }) => addDecision(ctx.db.prisma, ctx.actor, input)),
  addActionItem: writer.input(actionItemCreateInput).mutation(({ ctx, input }) => addActionItem(ctx.db.prisma, ctx.actor, input)),
  setActionItemStatus: writer.input(actionItemStatusInput).mutation(({ ctx, input }) => setActionItemStatus(ctx.db.prisma, ctx.actor, input)),
  close: closer.input(reviewCloseInput).mutation(({ ctx, input }) => closeReview(ctx.db.prisma, ctx.actor, input, ctx.today())),
});
