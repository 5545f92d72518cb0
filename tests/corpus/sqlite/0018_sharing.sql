CREATE TABLE shares (
    id TEXT PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    permission TEXT NOT NULL DEFAULT 'read' CHECK (permission IN ('read', 'comment', 'edit')),
    expires_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    token_hash BLOB NOT NULL UNIQUE
);
CREATE INDEX idx_shares_note ON shares (note_id) WHERE revoked = 0;
CREATE TABLE share_visits (
    share_id TEXT NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    visited_at INTEGER NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX idx_share_visits_share ON share_visits (share_id, visited_at);
ALTER TABLE shares ADD COLUMN max_visits INTEGER;
ALTER TABLE shares ADD COLUMN visit_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE share_visits ADD COLUMN country TEXT;
ALTER TABLE share_visits DROP COLUMN user_agent;
CREATE TABLE IF NOT EXISTS share_visits (share_id TEXT);
DROP INDEX IF EXISTS idx_missing;
CREATE VIEW active_shares AS SELECT id, note_id, permission FROM shares WHERE revoked = 0 AND (expires_at IS NULL OR expires_at > datetime('now'));
ALTER TABLE folders RENAME COLUMN icon TO emoji;
ALTER TABLE accounts ADD COLUMN avatar BLOB;
ALTER TABLE accounts ADD COLUMN locale TEXT DEFAULT 'en';
