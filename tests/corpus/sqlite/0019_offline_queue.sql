-- Offline edits queue and conflict copies.
CREATE TABLE pending_ops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    queued_at INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX idx_pending_ops_account ON pending_ops (account_id, id);
CREATE TABLE conflict_copies (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    device_id TEXT REFERENCES devices (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_conflict_copies_note ON conflict_copies (note_id) WHERE resolved = 0;
ALTER TABLE pending_ops ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
DROP INDEX idx_pending_ops_account;
CREATE INDEX idx_pending_ops_account ON pending_ops (account_id, priority DESC, id);
ALTER TABLE conflict_copies RENAME COLUMN resolved TO dismissed;
ALTER TABLE devices ADD COLUMN app_version TEXT;
ALTER TABLE devices ADD COLUMN os_version TEXT;
ALTER TABLE devices RENAME COLUMN push_token TO push_endpoint;
DROP INDEX idx_devices_push_token;
CREATE UNIQUE INDEX idx_devices_push_endpoint ON devices (push_endpoint) WHERE push_endpoint IS NOT NULL;
ALTER TABLE change_log ADD COLUMN device_id TEXT;
CREATE INDEX idx_change_log_device ON change_log (device_id, seq);
SAVEPOINT tidy;
DELETE FROM pending_ops WHERE attempts > 10;
RELEASE tidy;
CREATE TABLE app_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT) WITHOUT ROWID;
INSERT OR REPLACE INTO app_meta (key, value) VALUES ('schema_version', '19');
REPLACE INTO app_meta (key, value) VALUES ('last_migration', '0019_offline_queue');
CREATE TEMP TABLE scratch (id INTEGER);
DROP TABLE scratch;
