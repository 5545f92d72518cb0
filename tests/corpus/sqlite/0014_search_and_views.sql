DROP TRIGGER IF EXISTS notes_ai;
DROP TRIGGER IF EXISTS notes_ad;
DROP TABLE notes_fts;
CREATE VIRTUAL TABLE notes_search USING fts5(title, body, tags, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS notes_search USING fts5(title, body, tags);
CREATE TRIGGER notes_search_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_search (rowid, title, body, tags) VALUES (new.id, new.title, new.body, '');
END;
CREATE VIEW folder_note_counts AS
    SELECT f.id AS folder_id, f.name, count(n.id) AS notes FROM folders f LEFT JOIN notes n ON n.folder_id = f.id GROUP BY f.id;
CREATE VIEW IF NOT EXISTS pinned_notes AS SELECT id, title, updated_at FROM notes WHERE pinned = 1;
DROP VIEW IF EXISTS open_reminders;
CREATE VIEW open_reminders AS SELECT r.id, r.note_id, r.remind_at, n.title FROM reminders r JOIN notes n ON n.id = r.note_id WHERE r.done = 0;
CREATE TABLE search_history AS SELECT 1 AS id, '' AS query, 0 AS hits WHERE 0;
CREATE TABLE tag_usage AS SELECT t.id AS tag_id, t.name, count(nt.note_id) AS uses FROM tags t LEFT JOIN note_tags nt ON nt.tag_id = t.id GROUP BY t.id;
DROP TABLE tag_usage;
