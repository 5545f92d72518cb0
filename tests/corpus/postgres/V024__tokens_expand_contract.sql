-- Expand/contract: access tokens move from integrations to a table of their own.
CREATE TABLE integration_tokens (
    integration_id bigint PRIMARY KEY REFERENCES integrations (id) ON DELETE CASCADE,
    access_token bytea NOT NULL,
    refresh_token bytea,
    expires_at timestamptz,
    rotated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO integration_tokens (integration_id, access_token, refresh_token, expires_at)
    SELECT id, convert_to(access_token, 'UTF8'), convert_to(refresh_token, 'UTF8'), token_expires_at
    FROM integrations WHERE access_token IS NOT NULL;
ALTER TABLE integrations DROP COLUMN access_token, DROP COLUMN refresh_token, DROP COLUMN token_expires_at;
ALTER TABLE sync_runs ADD COLUMN duration_ms integer GENERATED ALWAYS AS (
    (extract(epoch FROM (finished_at - started_at)) * 1000)::integer) STORED;
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check CHECK (status IN ('running', 'ok', 'failed', 'skipped'));
ALTER TABLE sync_runs ALTER COLUMN status TYPE varchar(24);
ALTER TABLE sync_runs RENAME CONSTRAINT sync_runs_job_fk TO sync_runs_job_id_fkey;
ALTER TABLE sync_jobs ALTER COLUMN kind SET DEFAULT 'full';
ALTER TABLE sync_jobs ALTER COLUMN cron DROP DEFAULT;
