-- SQLite cannot change a column's type or constraints: the notes table is rebuilt.
PRAGMA foreign_keys = OFF;
CREATE TABLE notes_new (
    id INTEGER PRIMARY KEY,
    notebook_id INTEGER NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
    title VARCHAR(300) NOT NULL CHECK (length(title) > 0),
    body TEXT NOT NULL DEFAULT '',
    pinned BOOLEAN NOT NULL DEFAULT 0,
    word_count INTEGER NOT NULL DEFAULT 0,
    remote_id TEXT,
    deleted_at DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO notes_new (id, notebook_id, title, body, pinned, word_count, remote_id, created_at, updated_at)
    SELECT id, notebook_id, title, coalesce(body, ''), pinned, coalesce(word_count, 0), remote_id, created_at, coalesce(updated_at, created_at)
    FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
CREATE INDEX idx_notes_notebook ON notes (notebook_id, updated_at DESC);
CREATE UNIQUE INDEX idx_notes_remote_id ON notes (remote_id) WHERE remote_id IS NOT NULL;
CREATE INDEX idx_notes_deleted ON notes (deleted_at) WHERE deleted_at IS NOT NULL;
PRAGMA foreign_keys = ON;
