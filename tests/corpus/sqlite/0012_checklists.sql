CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    position REAL NOT NULL,
    text TEXT NOT NULL,
    checked INTEGER NOT NULL DEFAULT 0,
    checked_at TEXT,
    indent INTEGER NOT NULL DEFAULT 0 CHECK (indent BETWEEN 0 AND 5)
);
CREATE INDEX idx_checklist_note_position ON checklist_items (note_id, position);
ALTER TABLE checklist_items ADD COLUMN due_on TEXT;
ALTER TABLE checklist_items ADD COLUMN assignee TEXT COLLATE NOCASE;
ALTER TABLE checklist_items RENAME COLUMN text TO label;
ALTER TABLE checklist_items RENAME TO checklist_entries;
CREATE INDEX idx_checklist_due ON checklist_entries (due_on) WHERE checked = 0;
DROP INDEX idx_checklist_due;
CREATE INDEX idx_checklist_due ON checklist_entries (due_on, note_id) WHERE checked = 0;
CREATE TABLE note_links (
    from_note INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    to_note INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'mention',
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    PRIMARY KEY (from_note, to_note, kind)
) WITHOUT ROWID;
CREATE INDEX idx_note_links_to ON note_links (to_note);
