CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    remind_at INTEGER NOT NULL,
    repeat_rule TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    remind_day TEXT GENERATED ALWAYS AS (date(remind_at, 'unixepoch')) VIRTUAL,
    remind_year INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', remind_at, 'unixepoch') AS INTEGER)) STORED
);
CREATE INDEX idx_reminders_due ON reminders (done, remind_at);
CREATE VIEW due_reminders AS
    SELECT r.id, r.note_id, n.title, r.remind_at FROM reminders r JOIN notes n ON n.id = r.note_id WHERE r.done = 0;
