-- Reminders: remind_at moves from unix seconds to ISO text; the table is rebuilt.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE reminders_v2 (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    remind_at TEXT NOT NULL,
    repeat_rule TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    snoozed_until TEXT,
    channel TEXT NOT NULL DEFAULT 'local'
);
INSERT INTO reminders_v2 (id, note_id, remind_at, repeat_rule, done)
    SELECT id, note_id, datetime(remind_at, 'unixepoch'), repeat_rule, done FROM reminders;
DROP VIEW IF EXISTS open_reminders;
DROP TABLE reminders;
ALTER TABLE reminders_v2 RENAME TO reminders;
CREATE INDEX idx_reminders_due ON reminders (done, remind_at);
CREATE INDEX idx_reminders_note ON reminders (note_id);
CREATE VIEW open_reminders AS SELECT r.id, r.note_id, r.remind_at FROM reminders r WHERE r.done = 0;
COMMIT;
PRAGMA foreign_keys = ON;
