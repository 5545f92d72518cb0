-- Cleanup after the boards rename and the billing launch.
DROP VIEW IF EXISTS active_projects;
CREATE VIEW active_boards AS SELECT id, account_id, name, slug FROM boards WHERE NOT archived;
DROP TABLE IF EXISTS project_stats;
ALTER TABLE archived_tasks RENAME TO task_archive;
ALTER INDEX archived_tasks_project_idx RENAME TO task_archive_board_idx;
ALTER TABLE task_archive RENAME COLUMN project_id TO board_id;
ALTER TABLE accounts DROP COLUMN trial_ends_at;
ALTER TABLE accounts ADD COLUMN trial_ends_at timestamptz;
ALTER TABLE plans ALTER COLUMN features DROP NOT NULL;
ALTER TABLE plans RENAME COLUMN monthly_price_cents TO price_cents;
DROP TABLE comment_reactions, notification_preferences;
ALTER TABLE account_settings ALTER COLUMN week_starts_on DROP DEFAULT;
ALTER TABLE boards DROP COLUMN color;
ALTER TABLE users ALTER COLUMN is_admin DROP NOT NULL;
ALTER TABLE billing.invoices ADD COLUMN notes text;
ALTER TABLE billing.invoices ALTER COLUMN currency TYPE varchar(3);
