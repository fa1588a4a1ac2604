-- Live updates (docs/decisions/013-live-updates.md): every write in the app appends one AuditEvent in
-- its own transaction, so a notification per inserted event tells every server process that something
-- changed. NOTIFY is delivered only when the writing transaction commits, never for one rolled back.
-- The payload stays far below NOTIFY's 8000-byte limit: ids and names only, never the changes.
CREATE FUNCTION "audit_event_notify_change"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('aionis_change', json_build_object(
    'id', NEW."id",
    'entityType', NEW."entityType",
    'entityId', NEW."entityId",
    'action', NEW."action",
    'at', NEW."at"
  )::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_notify_change"
  AFTER INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_notify_change"();
