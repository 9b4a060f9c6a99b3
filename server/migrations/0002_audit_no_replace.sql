-- The audit trail's triggers (0001) refuse UPDATE and DELETE, but `INSERT OR REPLACE` (or
-- `REPLACE INTO`) naming an existing row's id removes that row without firing a delete trigger
-- (SQLite fires those for REPLACE only with PRAGMA recursive_triggers, which is off by default)
-- and writes another in its place. Refuse an insert that names the id of a row already there.
-- NEW.id is -1 in a BEFORE INSERT trigger when the insert gives no id (as the server's never
-- does), and the server's rows are numbered from 1: only a positive id can name one of them.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
  WHEN NEW.id > 0 AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
