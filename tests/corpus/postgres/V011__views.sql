CREATE VIEW active_projects AS
    SELECT id, account_id, name, team_id FROM projects WHERE NOT archived;
CREATE VIEW open_tasks AS
    SELECT t.id, t.project_id, t.title, t.priority, t.due_date
    FROM tasks t JOIN active_projects p ON p.id = t.project_id
    WHERE t.status IN ('todo', 'doing');
CREATE OR REPLACE VIEW active_projects AS
    SELECT id, account_id, name, team_id, created_at FROM projects WHERE NOT archived;
CREATE MATERIALIZED VIEW account_task_counts AS
    SELECT p.account_id, count(*) AS tasks FROM tasks t JOIN projects p ON p.id = t.project_id GROUP BY p.account_id;
CREATE UNIQUE INDEX account_task_counts_account_idx ON account_task_counts (account_id);
REFRESH MATERIALIZED VIEW account_task_counts;
COMMENT ON VIEW open_tasks IS 'Tasks not done in projects not archived';
