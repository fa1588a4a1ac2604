-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" BIGINT;

-- CreateTable
CREATE TABLE "AuditChainCheck" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "verifiedSeq" BIGINT NOT NULL,
    "verifiedHash" TEXT NOT NULL,
    "checked" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "brokenEventId" TEXT,
    "problem" TEXT,

    CONSTRAINT "AuditChainCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- The audit trail as a hash chain (docs/decisions/041-audit-hash-chain.md). Each event's hash is SHA-256
-- over the hash before it followed by its canonical form: a JSON array of its fields in a fixed order
-- (timestamps as ISO 8601 UTC, changes as jsonb's own normalised text), UTF-8. The canonical form is
-- this one function, used by the trigger that links events and by every verification.
CREATE FUNCTION "audit_event_canonical"(e "AuditEvent") RETURNS text AS $$
  SELECT json_build_array(
    'aionis.audit.v1', e."seq", e."id", to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e."actorId", e."actorName", e."action", e."entityType", e."entityId", e."requestId", e."changes"
  )::text
$$ LANGUAGE sql STABLE;

CREATE FUNCTION "audit_event_link_hash"(prev text, e "AuditEvent") RETURNS text AS $$
  SELECT encode(sha256(convert_to(prev || "audit_event_canonical"(e), 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;

-- Links a new event to the tip of the chain. A deferred constraint trigger runs at COMMIT, after every
-- other statement of the transaction: the chain lock is the last lock a writing transaction takes (so it
-- can never be part of a deadlock with the criteria or row locks), and concurrent transactions are
-- chained one after the other in commit order. Events of one transaction keep their insert order. An
-- event that arrives already linked (a restore) is left as it is; verification checks it.
CREATE FUNCTION "audit_event_chain"() RETURNS trigger AS $$
DECLARE
  tip record;
  e "AuditEvent";
BEGIN
  IF NEW."hash" IS NOT NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(4242017);
  SELECT "seq", "hash" INTO tip FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  e := NEW;
  e."seq" := COALESCE(tip."seq", 0) + 1;
  e."prevHash" := COALESCE(tip."hash", repeat('0', 64));
  e."hash" := "audit_event_link_hash"(e."prevHash", e);
  UPDATE "AuditEvent" SET "seq" = e."seq", "prevHash" = e."prevHash", "hash" = e."hash" WHERE "id" = NEW."id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER "AuditEvent_chain"
  AFTER INSERT ON "AuditEvent"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "audit_event_chain"();

-- Still append-only: the one update allowed is linking an event that is not yet in the chain, changing
-- nothing but its seq, prevHash and hash.
CREATE OR REPLACE FUNCTION "audit_event_is_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."hash" IS NULL AND OLD."seq" IS NULL AND NEW."hash" IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prevHash' - 'hash') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

-- Links every event not yet in the chain, oldest first by (at, id): the existing trail now, and the
-- benchmark's generated years (inserted with the chain trigger off). Returns how many it linked.
CREATE FUNCTION "audit_chain_link_pending"() RETURNS bigint AS $$
DECLARE
  tip record;
  e "AuditEvent";
  prev text;
  next_seq bigint;
  linked bigint := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(4242017);
  SELECT "seq", "hash" INTO tip FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  next_seq := COALESCE(tip."seq", 0);
  prev := COALESCE(tip."hash", repeat('0', 64));
  FOR e IN SELECT * FROM "AuditEvent" WHERE "hash" IS NULL ORDER BY "at", "id" LOOP
    next_seq := next_seq + 1;
    e."seq" := next_seq;
    e."prevHash" := prev;
    e."hash" := "audit_event_link_hash"(prev, e);
    UPDATE "AuditEvent" SET "seq" = e."seq", "prevHash" = e."prevHash", "hash" = e."hash" WHERE "id" = e."id";
    prev := e."hash";
    linked := linked + 1;
  END LOOP;
  RETURN linked;
END;
$$ LANGUAGE plpgsql;

SELECT "audit_chain_link_pending"();
