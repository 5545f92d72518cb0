-- Product renamed projects to boards: the table is renamed, its keys and indexes follow.
ALTER TABLE projects RENAME TO boards;
ALTER TABLE boards RENAME CONSTRAINT projects_pkey TO boards_pkey;
ALTER INDEX projects_team_id_idx RENAME TO boards_team_id_idx;
ALTER TABLE tasks RENAME COLUMN project_id TO board_id;
ALTER INDEX tasks_project_status_idx RENAME TO tasks_board_status_idx;
ALTER TABLE boards ADD COLUMN slug varchar(100);
UPDATE boards SET slug = lower(regexp_replace(name, '[^a-zA-Z0-9]+', '-', 'g'));
ALTER TABLE boards ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX boards_account_slug_idx ON boards (account_id, slug);
ALTER TABLE boards ADD CONSTRAINT boards_account_slug_key UNIQUE USING INDEX boards_account_slug_idx;
