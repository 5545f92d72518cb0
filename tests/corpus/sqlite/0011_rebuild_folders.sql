-- folders.account_id becomes NOT NULL: SQLite needs a rebuild for that.
PRAGMA foreign_keys = OFF;
CREATE TABLE folders_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES folders_new (id),
    name TEXT NOT NULL,
    color TEXT DEFAULT '#ffffff',
    icon TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (account_id, parent_id, name)
);
INSERT INTO folders_new (id, account_id, parent_id, name, color, icon, sort_order, archived, created_at)
    SELECT id, account_id, parent_id, name, color, icon, sort_order, coalesce(archived, 0), created_at FROM folders;
DROP TABLE folders;
ALTER TABLE folders_new RENAME TO folders;
CREATE INDEX idx_folders_parent ON folders (parent_id);
CREATE INDEX idx_folders_account_sort ON folders (account_id, sort_order);
PRAGMA foreign_keys = ON;
PRAGMA foreign_key_check;
