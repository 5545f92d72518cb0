CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  table_name TEXT NOT NULL,
  row_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX audit_log_row_idx ON audit_log (table_name, row_id);
