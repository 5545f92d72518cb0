ALTER TABLE tasks ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED;
CREATE INDEX tasks_search_idx ON tasks USING gin (search_vector);
ALTER TABLE boards ADD COLUMN settings jsonb DEFAULT '{}'::jsonb NOT NULL;
CREATE INDEX boards_settings_idx ON boards USING gin (settings jsonb_path_ops);
ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
