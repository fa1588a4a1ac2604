-- Company names that differ only in repeated inner whitespace are the same partner
-- (partners-import.rules.ts, companyKey): "Acme  Corp" and "Acme Corp" both key to "acme corp".
-- Existing keys are recomputed the same way. Where two partners written before would now share a key,
-- the oldest keeps it and each other one keeps a key made distinct by its id, so nothing is merged or
-- lost and the unique index holds; renaming one of them later applies the rule.
-- Unique checks run row by row, so the keys that change are first parked on values no company has
-- (a leading \x01), then set.
UPDATE "Partner" AS p SET "companyKey" = E'\x01' || p."id"
FROM (
  SELECT "id",
         CASE WHEN row_number() OVER (PARTITION BY lower(btrim(regexp_replace("company", '\s+', ' ', 'g'))) ORDER BY "createdAt", "id") = 1
              THEN lower(btrim(regexp_replace("company", '\s+', ' ', 'g')))
              ELSE lower(btrim(regexp_replace("company", '\s+', ' ', 'g'))) || ' #' || "id" END AS "key"
  FROM "Partner"
) AS k
WHERE p."id" = k."id" AND p."companyKey" <> k."key";

UPDATE "Partner" AS p SET "companyKey" = k."key"
FROM (
  SELECT "id",
         CASE WHEN row_number() OVER (PARTITION BY lower(btrim(regexp_replace("company", '\s+', ' ', 'g'))) ORDER BY "createdAt", "id") = 1
              THEN lower(btrim(regexp_replace("company", '\s+', ' ', 'g')))
              ELSE lower(btrim(regexp_replace("company", '\s+', ' ', 'g'))) || ' #' || "id" END AS "key"
  FROM "Partner"
) AS k
WHERE p."id" = k."id" AND p."companyKey" LIKE E'\x01%';
