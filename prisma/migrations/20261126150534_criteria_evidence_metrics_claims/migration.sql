-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('RELEASE_EVIDENCE', 'GATE_RUN', 'ARTIFACT', 'REPORT', 'CUSTOMER_EVIDENCE', 'DOC', 'WEB_PAGE');

-- CreateEnum
CREATE TYPE "EvidenceResult" AS ENUM ('PASSED', 'FAILED');

-- CreateEnum
CREATE TYPE "LinkHealth" AS ENUM ('UNCHECKED', 'HEALTHY', 'BROKEN');

-- CreateEnum
CREATE TYPE "CriterionKind" AS ENUM ('MANUAL', 'METRIC_THRESHOLD', 'PIPELINE_COUNT', 'EVIDENCE_COUNT', 'LINK_HEALTH', 'GATE_RUN_STREAK');

-- CreateEnum
CREATE TYPE "GateDecision" AS ENUM ('GO', 'CONDITIONAL_GO', 'NO_GO');

-- CreateEnum
CREATE TYPE "MetricDirection" AS ENUM ('UP', 'DOWN');

-- CreateEnum
CREATE TYPE "MetricSource" AS ENUM ('MANUAL', 'CSV', 'API');

-- CreateEnum
CREATE TYPE "ClaimChannel" AS ENUM ('WEBSITE', 'RELEASE_NOTE', 'SALES_DECK', 'DOCS');

-- CreateEnum
CREATE TYPE "ClaimLayer" AS ENUM ('OSS', 'CLOUD', 'PLATFORM');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('DRAFT', 'APPROVED', 'PUBLISHED', 'RETRACTED');

-- CreateTable
CREATE TABLE "Evidence" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "capturedOn" DATE NOT NULL,
    "result" "EvidenceResult",
    "note" TEXT NOT NULL DEFAULT '',
    "addedById" TEXT,
    "addedByName" TEXT NOT NULL,
    "health" "LinkHealth" NOT NULL DEFAULT 'UNCHECKED',
    "httpStatus" INTEGER,
    "finalUrl" TEXT,
    "checkError" TEXT,
    "checkedAt" TIMESTAMP(3),
    "brokenSince" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceLink" (
    "id" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" UUID NOT NULL,
    "byName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" UUID NOT NULL,
    "gateId" UUID,
    "deliverableId" UUID,
    "kind" "CriterionKind" NOT NULL,
    "title" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "position" INTEGER NOT NULL,
    "checked" BOOLEAN NOT NULL DEFAULT false,
    "checkedByName" TEXT,
    "checkedAt" TIMESTAMP(3),
    "met" BOOLEAN NOT NULL DEFAULT false,
    "currentValue" DOUBLE PRECISION,
    "targetValue" DOUBLE PRECISION,
    "detail" TEXT NOT NULL DEFAULT '',
    "evaluatedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateStatusChange" (
    "id" UUID NOT NULL,
    "gateId" UUID NOT NULL,
    "fromStatus" "GateStatus",
    "toStatus" "GateStatus" NOT NULL,
    "decision" "GateDecision",
    "reason" TEXT NOT NULL DEFAULT '',
    "outstanding" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "suggested" "GateStatus",
    "overrode" BOOLEAN NOT NULL DEFAULT false,
    "evidenceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byUserId" TEXT,
    "byName" TEXT NOT NULL,

    CONSTRAINT "GateStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" "MetricDirection" NOT NULL DEFAULT 'UP',
    "target" DOUBLE PRECISION,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricValue" (
    "id" UUID NOT NULL,
    "metricId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "source" "MetricSource" NOT NULL,
    "byName" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'metrics:write',
    "createdById" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "statement" TEXT NOT NULL,
    "channel" "ClaimChannel" NOT NULL,
    "layer" "ClaimLayer" NOT NULL,
    "boundary" TEXT NOT NULL DEFAULT '',
    "status" "ClaimStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "approvedByName" TEXT,
    "approvedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "overrideReason" TEXT,
    "retractedAt" TIMESTAMP(3),
    "retractedReason" TEXT,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "leasedUntil" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Evidence_archivedAt_capturedOn_idx" ON "Evidence"("archivedAt", "capturedOn" DESC);

-- CreateIndex
CREATE INDEX "Evidence_kind_idx" ON "Evidence"("kind");

-- CreateIndex
CREATE INDEX "Evidence_health_idx" ON "Evidence"("health");

-- CreateIndex
CREATE INDEX "Evidence_checkedAt_idx" ON "Evidence"("checkedAt");

-- CreateIndex
CREATE INDEX "EvidenceLink_targetType_targetId_idx" ON "EvidenceLink"("targetType", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceLink_evidenceId_targetType_targetId_key" ON "EvidenceLink"("evidenceId", "targetType", "targetId");

-- CreateIndex
CREATE INDEX "Criterion_gateId_position_idx" ON "Criterion"("gateId", "position");

-- CreateIndex
CREATE INDEX "Criterion_deliverableId_position_idx" ON "Criterion"("deliverableId", "position");

-- CreateIndex
CREATE INDEX "GateStatusChange_gateId_at_idx" ON "GateStatusChange"("gateId", "at");

-- CreateIndex
CREATE INDEX "GateStatusChange_at_idx" ON "GateStatusChange"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_key_key" ON "Metric"("key");

-- CreateIndex
CREATE INDEX "MetricValue_weekStart_idx" ON "MetricValue"("weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "MetricValue_metricId_weekStart_key" ON "MetricValue"("metricId", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt" DESC);

-- AddForeignKey
ALTER TABLE "EvidenceLink" ADD CONSTRAINT "EvidenceLink_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_gateId_fkey" FOREIGN KEY ("gateId") REFERENCES "Gate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateStatusChange" ADD CONSTRAINT "GateStatusChange_gateId_fkey" FOREIGN KEY ("gateId") REFERENCES "Gate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricValue" ADD CONSTRAINT "MetricValue_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Gate status history is append-only, like the audit trail.
CREATE FUNCTION "gate_status_change_is_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'GateStatusChange is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "GateStatusChange_append_only"
  BEFORE UPDATE OR DELETE ON "GateStatusChange"
  FOR EACH ROW EXECUTE FUNCTION "gate_status_change_is_append_only"();

CREATE TRIGGER "GateStatusChange_no_truncate"
  BEFORE TRUNCATE ON "GateStatusChange"
  FOR EACH STATEMENT EXECUTE FUNCTION "gate_status_change_is_append_only"();
