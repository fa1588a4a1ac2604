-- API tokens become personal or service tokens (docs/decisions/033). Every token made so far was a
-- metrics-push token: it becomes a service token with the metrics:write scope and a pm's role, as before.
ALTER TABLE "ApiToken"
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'SERVICE',
ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'pm',
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "ApiToken" SET "scopes" = ARRAY["scope"];

ALTER TABLE "ApiToken" DROP COLUMN "scope";

CREATE INDEX "ApiToken_createdById_idx" ON "ApiToken"("createdById");

-- Gate runs reported by CI: the run's own id makes a second report of it a no-op.
ALTER TABLE "Evidence" ADD COLUMN     "branch" TEXT,
ADD COLUMN     "commit" TEXT,
ADD COLUMN     "runId" TEXT;

CREATE UNIQUE INDEX "Evidence_runId_key" ON "Evidence"("runId");

-- Stable keys for gates and criteria (docs/decisions/034). The launch plan's gates get the short keys
-- the seed gives them; any other gate a slug of its title, numbered within its phase when two agree.
ALTER TABLE "Gate" ADD COLUMN     "key" TEXT;

UPDATE "Gate" g SET "key" = CASE g."title"
    WHEN 'Key website pages reachable (usable on mobile)' THEN 'key-pages'
    WHEN 'Docs links all green' THEN 'docs-links'
    WHEN 'Key CTA events have real data' THEN 'cta-events'
    WHEN 'At least 1 paid trial' THEN 'paid-trial'
    WHEN 'Hosted funnel trackable (lead → PoC → paid)' THEN 'hosted-funnel'
    WHEN 'Production gates pass consistently' THEN 'production-gates'
    WHEN 'At least 2 platform milestones with customer-side evidence' THEN 'platform-milestones'
    WHEN 'Layer 3 does not affect Layer 1/2 mainline stability' THEN 'mainline-stability'
    ELSE coalesce(nullif(left(trim(both '-' from regexp_replace(lower(g."title"), '[^a-z0-9]+', '-', 'g')), 60), ''), 'gate')
  END;

UPDATE "Gate" g SET "key" = n."key" || '-' || n.rn
  FROM (SELECT id, "key", row_number() OVER (PARTITION BY "phaseId", "key" ORDER BY "position", id) AS rn FROM "Gate") n
 WHERE g.id = n.id AND n.rn > 1;

ALTER TABLE "Gate" ALTER COLUMN "key" SET NOT NULL;

CREATE UNIQUE INDEX "Gate_phaseId_key_key" ON "Gate"("phaseId", "key");

-- A criterion's key names what it checks: its metric for a threshold, its kind otherwise.
ALTER TABLE "Criterion" ADD COLUMN     "key" TEXT;

UPDATE "Criterion" c SET "key" = CASE
    WHEN c."kind" = 'METRIC_THRESHOLD' AND coalesce(c."config"->>'metricKey', '') <> ''
      THEN left(trim(both '-' from regexp_replace(lower(c."config"->>'metricKey'), '[^a-z0-9]+', '-', 'g')), 60)
    ELSE lower(replace(c."kind"::text, '_', '-'))
  END;

UPDATE "Criterion" c SET "key" = n."key" || '-' || n.rn
  FROM (SELECT id, "key", row_number() OVER (PARTITION BY coalesce("gateId", "deliverableId"), "key" ORDER BY "position", id) AS rn FROM "Criterion") n
 WHERE c.id = n.id AND n.rn > 1;

ALTER TABLE "Criterion" ALTER COLUMN "key" SET NOT NULL;

CREATE UNIQUE INDEX "Criterion_gateId_key_key" ON "Criterion"("gateId", "key");

CREATE UNIQUE INDEX "Criterion_deliverableId_key_key" ON "Criterion"("deliverableId", "key");
