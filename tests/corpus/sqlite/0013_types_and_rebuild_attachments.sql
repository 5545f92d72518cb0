-- Attachments: STRICT table rebuilt with a storage class column and a blob for thumbnails.
CREATE TABLE attachments_new (
    id TEXT PRIMARY KEY NOT NULL,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    mime_type TEXT NOT NULL DEFAULT 'application/octet-stream',
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    storage TEXT NOT NULL DEFAULT 'local' CHECK (storage IN ('local', 'cloud')),
    cache_path TEXT,
    thumbnail BLOB,
    width INTEGER,
    height INTEGER,
    uploaded INTEGER NOT NULL DEFAULT 0,
    meta ANY
) STRICT;
INSERT INTO attachments_new (id, note_id, file_name, mime_type, size_bytes, cache_path, width, height, uploaded)
    SELECT id, note_id, file_name, mime_type, size_bytes, cache_path, width, height, uploaded FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX idx_attachments_note ON attachments (note_id);
CREATE INDEX idx_attachments_pending ON attachments (uploaded) WHERE uploaded = 0;
CREATE TABLE measurements (
    id INTEGER PRIMARY KEY,
    note_id INTEGER REFERENCES notes (id),
    value DOUBLE PRECISION,
    unit VARYING CHARACTER(16),
    big UNSIGNED BIG INT,
    flag BOOLEAN,
    amount NUMERIC(10, 2),
    label NVARCHAR(100),
    raw,
    taken_at DATETIME
);
ALTER TABLE measurements ADD COLUMN source TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE measurements DROP COLUMN big;
