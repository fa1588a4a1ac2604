-- CreateEnum
CREATE TYPE "PartnerSegment" AS ENUM ('AI_INFRA', 'AGENT_PLATFORM', 'ENTERPRISE_COPILOT', 'OTHER');

-- CreateEnum
CREATE TYPE "PartnerPackage" AS ENUM ('OSS', 'CLOUD_BUILDER', 'CLOUD_TEAM', 'ENTERPRISE', 'PLATFORM_DESIGN_PARTNER');

-- CreateEnum
CREATE TYPE "PartnerTrack" AS ENUM ('HOSTED', 'PLATFORM');

-- CreateEnum
CREATE TYPE "PartnerStage" AS ENUM ('LEAD', 'QUALIFIED', 'POC', 'PAID_TRIAL', 'PAID', 'LOST');

-- CreateEnum
CREATE TYPE "PocStatus" AS ENUM ('PLANNED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "PartnerActivityKind" AS ENUM ('CALL', 'MEETING', 'EMAIL', 'DEMO', 'MILESTONE', 'NOTE');

-- CreateTable
CREATE TABLE "Partner" (
    "id" UUID NOT NULL,
    "company" TEXT NOT NULL,
    "companyKey" TEXT NOT NULL,
    "website" TEXT,
    "segment" "PartnerSegment" NOT NULL,
    "package" "PartnerPackage" NOT NULL,
    "track" "PartnerTrack" NOT NULL,
    "ownerId" TEXT NOT NULL,
    "stage" "PartnerStage" NOT NULL DEFAULT 'LEAD',
    "expectedValue" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "nextStep" TEXT NOT NULL DEFAULT '',
    "nextStepDue" DATE,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerContact" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "PartnerContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageTransition" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "fromStage" "PartnerStage",
    "toStage" "PartnerStage" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byUserId" TEXT,
    "byName" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "StageTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poc" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "startDate" DATE,
    "targetEndDate" DATE,
    "status" "PocStatus" NOT NULL DEFAULT 'PLANNED',
    "outcome" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Poc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocCriterion" (
    "id" UUID NOT NULL,
    "pocId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "met" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,

    CONSTRAINT "PocCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocStatusChange" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "fromStatus" "PocStatus",
    "toStatus" "PocStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byUserId" TEXT,
    "byName" TEXT NOT NULL,

    CONSTRAINT "PocStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerActivity" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "kind" "PartnerActivityKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Partner_companyKey_key" ON "Partner"("companyKey");

-- CreateIndex
CREATE INDEX "Partner_archivedAt_updatedAt_idx" ON "Partner"("archivedAt", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Partner_ownerId_idx" ON "Partner"("ownerId");

-- CreateIndex
CREATE INDEX "PartnerContact_partnerId_position_idx" ON "PartnerContact"("partnerId", "position");

-- CreateIndex
CREATE INDEX "StageTransition_partnerId_at_idx" ON "StageTransition"("partnerId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Poc_partnerId_key" ON "Poc"("partnerId");

-- CreateIndex
CREATE INDEX "PocCriterion_pocId_position_idx" ON "PocCriterion"("pocId", "position");

-- CreateIndex
CREATE INDEX "PocStatusChange_partnerId_at_idx" ON "PocStatusChange"("partnerId", "at");

-- CreateIndex
CREATE INDEX "PartnerActivity_partnerId_occurredOn_idx" ON "PartnerActivity"("partnerId", "occurredOn");

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerContact" ADD CONSTRAINT "PartnerContact_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageTransition" ADD CONSTRAINT "StageTransition_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poc" ADD CONSTRAINT "Poc_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocCriterion" ADD CONSTRAINT "PocCriterion_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocStatusChange" ADD CONSTRAINT "PocStatusChange_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerActivity" ADD CONSTRAINT "PartnerActivity_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
