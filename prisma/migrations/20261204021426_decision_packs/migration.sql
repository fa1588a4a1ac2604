-- CreateTable
CREATE TABLE "DecisionPack" (
    "id" UUID NOT NULL,
    "gateStatusChangeId" UUID NOT NULL,
    "gateId" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionPack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionPack_gateStatusChangeId_key" ON "DecisionPack"("gateStatusChangeId");

-- CreateIndex
CREATE INDEX "DecisionPack_gateId_createdAt_idx" ON "DecisionPack"("gateId", "createdAt");

-- A pack is what a decision rested on when it was made: like the gate history, never edited or deleted.
CREATE FUNCTION "decision_pack_is_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'DecisionPack is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "DecisionPack_append_only"
  BEFORE UPDATE OR DELETE ON "DecisionPack"
  FOR EACH ROW EXECUTE FUNCTION "decision_pack_is_append_only"();
