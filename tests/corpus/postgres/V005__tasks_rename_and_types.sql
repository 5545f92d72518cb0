-- Columns renamed, with and without the COLUMN keyword; types widened.
ALTER TABLE tasks RENAME body TO description;
ALTER TABLE tasks RENAME COLUMN due_on TO due_date;
ALTER TABLE tasks ALTER COLUMN title TYPE varchar(500);
ALTER TABLE tasks ALTER COLUMN estimate_hours TYPE numeric(8,2);
ALTER TABLE tasks ALTER COLUMN priority TYPE integer USING priority::integer;
ALTER TABLE task_comments ALTER COLUMN body SET DATA TYPE varchar(10000);
ALTER TABLE projects ALTER COLUMN archived SET NOT NULL;
ALTER TABLE projects ALTER COLUMN color DROP DEFAULT;
ALTER TABLE projects RENAME CONSTRAINT projects_owner_fk TO projects_owner_id_fkey;
ALTER INDEX tasks_labels_gin RENAME TO tasks_labels_idx;
