-- Note templates and a shared "recent items" list.
CREATE TABLE templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    used_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_templates_name UNIQUE (account_id, name)
);
CREATE UNIQUE INDEX idx_templates_default ON templates (account_id) WHERE is_default = 1;
CREATE TABLE recent_items (
    account_id INTEGER NOT NULL,
    item_type TEXT NOT NULL CHECK (item_type IN ('note', 'folder', 'tag')),
    item_id INTEGER NOT NULL,
    opened_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, item_type, item_id)
);
CREATE INDEX idx_recent_items_opened ON recent_items (account_id, opened_at DESC);
ALTER TABLE templates ADD COLUMN icon TEXT;
ALTER TABLE templates ADD COLUMN category TEXT NOT NULL DEFAULT 'general';
ALTER TABLE templates RENAME COLUMN used_count TO use_count;
CREATE INDEX idx_templates_category ON templates (account_id, category);
INSERT INTO templates (account_id, name, body, is_default) VALUES (1, 'Blank', '', 1);
INSERT INTO templates (account_id, name, body) VALUES (1, 'Meeting', '# Agenda');
UPDATE templates SET use_count = 0;
DELETE FROM recent_items WHERE opened_at < 0;
