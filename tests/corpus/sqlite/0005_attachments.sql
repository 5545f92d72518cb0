CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    mime_type TEXT NOT NULL DEFAULT 'application/octet-stream',
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256 TEXT,
    local_path TEXT,
    uploaded INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX idx_attachments_note ON attachments (note_id);
ALTER TABLE attachments ADD COLUMN width INTEGER;
ALTER TABLE attachments ADD COLUMN height INTEGER;
ALTER TABLE attachments RENAME COLUMN local_path TO cache_path;
