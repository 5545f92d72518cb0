CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT,
    updated_at TEXT
);
CREATE TABLE sync_state (
    device_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    last_synced_at INTEGER NOT NULL DEFAULT 0,
    cursor BLOB,
    UNIQUE (device_id, table_name)
);
ALTER TABLE notes ADD COLUMN remote_id TEXT;
ALTER TABLE notes ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX idx_notes_remote_id ON notes (remote_id) WHERE remote_id IS NOT NULL;
ALTER TABLE notebooks ADD COLUMN archived BOOLEAN DEFAULT FALSE;
