-- Reporting tables built from queries.
CREATE TABLE project_stats AS
SELECT p.id AS project_id, p.account_id, p.name, p.created_at
FROM projects p
WHERE p.archived = false;

CREATE TABLE archived_tasks AS SELECT id, project_id, title, status, due_date FROM tasks WHERE status = 'done';

CREATE TABLE monthly_revenue AS
SELECT CAST(date_trunc('month', issued_on) AS date) AS month,
       CAST(sum(total_cents) AS bigint) AS revenue_cents,
       CAST(count(*) AS integer) AS invoices
FROM billing.invoices
GROUP BY 1
WITH NO DATA;

ALTER TABLE project_stats ADD PRIMARY KEY (project_id);
ALTER TABLE archived_tasks ADD COLUMN archived_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX archived_tasks_project_idx ON archived_tasks (project_id);
