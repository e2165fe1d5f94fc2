-- Rules Prisma's schema language cannot state, enforced by the database itself.
-- (Prisma ignores functions and triggers, so `migrate dev` never proposes to drop them.)

-- A workflow version is immutable: reviews bind to its content hash, runs to its id.
-- Only its status moves through the review lifecycle.
CREATE FUNCTION workflow_versions_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.workflow_id IS DISTINCT FROM OLD.workflow_id
     OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.document IS DISTINCT FROM OLD.document
     OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
     OR NEW.author_id IS DISTINCT FROM OLD.author_id
     OR NEW.change_note IS DISTINCT FROM OLD.change_note
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'workflow version % is immutable; save a new version instead', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER workflow_versions_immutable
  BEFORE UPDATE ON workflow_versions
  FOR EACH ROW EXECUTE FUNCTION workflow_versions_immutable();

-- A workflow can only publish one of its own versions.
CREATE FUNCTION workflows_published_version_owned() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.published_version_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM workflow_versions v WHERE v.id = NEW.published_version_id AND v.workflow_id = NEW.id
  ) THEN
    RAISE EXCEPTION 'version % does not belong to workflow %', NEW.published_version_id, NEW.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER workflows_published_version_owned
  BEFORE INSERT OR UPDATE OF published_version_id ON workflows
  FOR EACH ROW EXECUTE FUNCTION workflows_published_version_owned();

-- The audit log is append-only (retention may delete old rows; nothing rewrites one).
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
