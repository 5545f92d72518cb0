-- Notebooks become folders.
ALTER TABLE notebooks RENAME TO folders;
ALTER TABLE notes RENAME COLUMN notebook_id TO folder_id;
DROP INDEX idx_notes_notebook;
CREATE INDEX idx_notes_folder ON notes (folder_id, updated_at DESC);
ALTER TABLE folders ADD COLUMN parent_id INTEGER REFERENCES folders (id);
ALTER TABLE folders ADD COLUMN icon TEXT;
CREATE INDEX idx_folders_parent ON folders (parent_id);
