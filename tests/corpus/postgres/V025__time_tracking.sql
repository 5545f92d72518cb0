CREATE TABLE time_entries (
    id bigint GENERATED ALWAYS AS IDENTITY,
    account_id bigint NOT NULL,
    user_id bigint NOT NULL,
    task_id bigint,
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    minutes integer,
    billable boolean NOT NULL DEFAULT true,
    note varchar(1000),
    PRIMARY KEY (id, account_id)
) PARTITION BY HASH (account_id);
CREATE TABLE time_entries_p0 PARTITION OF time_entries FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE time_entries_p1 PARTITION OF time_entries FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE time_entries_p2 PARTITION OF time_entries FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE time_entries_p3 PARTITION OF time_entries FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX time_entries_user_started_idx ON time_entries (user_id, started_at);
ALTER TABLE time_entries ADD CONSTRAINT time_entries_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE time_entries ADD CONSTRAINT time_entries_range_check CHECK (ended_at IS NULL OR ended_at >= started_at);
ALTER TABLE time_entries ADD COLUMN rate_cents integer;
ALTER TABLE time_entries ALTER COLUMN note TYPE text;
ALTER TABLE time_entries RENAME COLUMN minutes TO duration_minutes;
CREATE INDEX ON time_entries (task_id) WHERE task_id IS NOT NULL;
CREATE TABLE time_entry_tags (
    account_id bigint NOT NULL,
    entry_id bigint NOT NULL,
    tag varchar(40) NOT NULL,
    PRIMARY KEY (account_id, entry_id, tag),
    FOREIGN KEY (entry_id, account_id) REFERENCES time_entries (id, account_id) ON DELETE CASCADE
);
