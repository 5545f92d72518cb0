CREATE SCHEMA integrations;
ALTER TABLE sync_runs SET SCHEMA integrations;
ALTER TABLE sync_jobs SET SCHEMA integrations;
ALTER TABLE integrations.sync_jobs RENAME TO jobs;
ALTER TABLE integrations.sync_runs RENAME TO runs;
ALTER INDEX integrations.sync_runs_job_started_idx RENAME TO runs_job_started_idx;
CREATE TABLE integrations.webhook_deliveries (
    id bigserial PRIMARY KEY,
    webhook_id integer NOT NULL REFERENCES public.webhooks (id) ON DELETE CASCADE,
    status_code smallint,
    response_ms integer,
    delivered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON integrations.webhook_deliveries (webhook_id, delivered_at DESC);
ALTER TABLE webhooks DROP COLUMN failure_count;
ALTER TABLE webhooks ADD COLUMN disabled_reason text;
ALTER TABLE webhooks ALTER COLUMN url TYPE text;
