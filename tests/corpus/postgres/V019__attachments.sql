CREATE TABLE attachments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id bigint NOT NULL,
    task_id bigint,
    filename varchar(255) NOT NULL,
    content_type varchar(100) NOT NULL DEFAULT 'application/octet-stream',
    byte_size bigint NOT NULL CHECK (byte_size >= 0),
    checksum char(64),
    storage_key text NOT NULL,
    uploaded_by bigint,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attachments_pkey PRIMARY KEY (id),
    CONSTRAINT attachments_storage_key_key UNIQUE (storage_key),
    CONSTRAINT attachments_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE SET NULL,
    CONSTRAINT attachments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX attachments_task_id_idx ON attachments (task_id);
CREATE INDEX attachments_account_uploaded_idx ON attachments (account_id, uploaded_at DESC);
ALTER TABLE attachments ADD COLUMN uploaded_by_user bigint REFERENCES users (id);
UPDATE attachments SET uploaded_by_user = uploaded_by;
ALTER TABLE attachments DROP COLUMN uploaded_by;
ALTER TABLE attachments RENAME COLUMN uploaded_by_user TO uploaded_by;
