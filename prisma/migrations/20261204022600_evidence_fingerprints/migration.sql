-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "capturedFingerprint" TEXT,
ADD COLUMN     "contentChangedAt" TIMESTAMP(3),
ADD COLUMN     "fingerprint" TEXT,
ADD COLUMN     "fingerprintAt" TIMESTAMP(3),
ADD COLUMN     "fingerprintBytes" INTEGER,
ADD COLUMN     "fingerprintTruncated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "fingerprintType" TEXT,
ADD COLUMN     "livePage" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DecisionPackEvidence" (
    "packId" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "fingerprint" TEXT,

    CONSTRAINT "DecisionPackEvidence_pkey" PRIMARY KEY ("packId","evidenceId")
);

-- CreateIndex
CREATE INDEX "DecisionPackEvidence_evidenceId_idx" ON "DecisionPackEvidence"("evidenceId");
