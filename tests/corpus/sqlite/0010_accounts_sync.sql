-- Multi-account sync: accounts, devices and a change log.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT,
    plan TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    platform TEXT NOT NULL,
    push_token TEXT,
    last_seen_at INTEGER
);
CREATE INDEX idx_devices_account ON devices (account_id);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    payload TEXT,
    changed_at INTEGER NOT NULL DEFAULT (unixepoch()),
    FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX idx_change_log_entity ON change_log (entity, entity_id);
CREATE INDEX idx_change_log_account_seq ON change_log (account_id, seq);
ALTER TABLE folders ADD COLUMN account_id INTEGER REFERENCES accounts (id);
ALTER TABLE notes ADD COLUMN account_id INTEGER REFERENCES accounts (id);
ALTER TABLE tags ADD COLUMN account_id INTEGER;
CREATE INDEX idx_notes_account ON notes (account_id, updated_at);
INSERT INTO accounts (id, email) VALUES (1, 'local@device');
UPDATE folders SET account_id = 1;
UPDATE notes SET account_id = 1;
