CREATE VIEW billable_hours AS
    SELECT account_id, user_id, date_trunc('week', started_at) AS week, sum(duration_minutes) / 60.0 AS hours
    FROM time_entries WHERE billable GROUP BY 1, 2, 3;
CREATE VIEW integration_health AS
    SELECT i.id, i.provider, count(r.id) FILTER (WHERE r.status = 'failed') AS failures
    FROM integrations i LEFT JOIN sync_jobs j ON j.integration_id = i.id LEFT JOIN sync_runs r ON r.job_id = j.id
    GROUP BY i.id, i.provider;
CREATE MATERIALIZED VIEW weekly_billable AS SELECT account_id, week, sum(hours) AS hours FROM billable_hours GROUP BY 1, 2;
CREATE INDEX weekly_billable_account_idx ON weekly_billable (account_id, week);
DROP VIEW billable_hours CASCADE;
CREATE TABLE report_snapshots AS
    SELECT id AS account_id, name, plan_id, CAST(now() AS timestamptz) AS taken_at FROM accounts WITH NO DATA;
ALTER TABLE report_snapshots ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE report_snapshots ADD CONSTRAINT report_snapshots_pkey PRIMARY KEY (account_id, taken_at);
SELECT id, name INTO TEMP TABLE tmp_active_accounts FROM accounts;
DROP TABLE tmp_active_accounts;
