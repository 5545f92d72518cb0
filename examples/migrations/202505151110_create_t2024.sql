-- As in Bytebase's GitOps tutorial: this migration breaks the NOT NULL rule on purpose,
-- so that `dbops check` has something to report (column "name" can be NULL).
CREATE TABLE t2024 (
  id BIGINT PRIMARY KEY,
  name TEXT
);
