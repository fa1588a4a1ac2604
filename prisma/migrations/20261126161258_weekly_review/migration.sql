-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('DRAFT', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReviewGroup" AS ENUM ('PRODUCT', 'ENGINEERING', 'GTM');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE', 'DROPPED');

-- CreateTable
CREATE TABLE "WeeklyReview" (
    "id" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'DRAFT',
    "snapshot" JSONB,
    "closedAt" TIMESTAMP(3),
    "closedByName" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeeklyReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAttendee" (
    "reviewId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "group" "ReviewGroup" NOT NULL,

    CONSTRAINT "ReviewAttendee_pkey" PRIMARY KEY ("reviewId","userId")
);

-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "section" TEXT NOT NULL,
    "markdown" TEXT NOT NULL DEFAULT '',
    "updatedByName" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "decidedByName" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" UUID,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerName" TEXT NOT NULL,
    "dueDate" DATE,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "targetType" TEXT,
    "targetId" UUID,
    "closedInReviewId" UUID,
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyReview_weekStart_key" ON "WeeklyReview"("weekStart");

-- CreateIndex
CREATE INDEX "WeeklyReview_status_weekStart_idx" ON "WeeklyReview"("status", "weekStart" DESC);

-- CreateIndex
CREATE INDEX "ReviewAttendee_userId_idx" ON "ReviewAttendee"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewNote_reviewId_section_key" ON "ReviewNote"("reviewId", "section");

-- CreateIndex
CREATE INDEX "ReviewDecision_reviewId_createdAt_idx" ON "ReviewDecision"("reviewId", "createdAt");

-- CreateIndex
CREATE INDEX "ActionItem_status_dueDate_idx" ON "ActionItem"("status", "dueDate");

-- CreateIndex
CREATE INDEX "ActionItem_reviewId_idx" ON "ActionItem"("reviewId");

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_idx" ON "ActionItem"("ownerId");

-- AddForeignKey
ALTER TABLE "ReviewAttendee" ADD CONSTRAINT "ReviewAttendee_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "WeeklyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAttendee" ADD CONSTRAINT "ReviewAttendee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewNote" ADD CONSTRAINT "ReviewNote_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "WeeklyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "WeeklyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "WeeklyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_closedInReviewId_fkey" FOREIGN KEY ("closedInReviewId") REFERENCES "WeeklyReview"("id") ON DELETE SET NULL ON UPDATE CASCADE;
