-- dbops:no-transaction
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_last_login_idx ON users (last_login_at);
CREATE INDEX CONCURRENTLY tasks_created_brin ON tasks USING brin (created_at);
CREATE UNIQUE INDEX CONCURRENTLY projects_account_id_id_key_idx ON projects (account_id, id);
DROP INDEX CONCURRENTLY IF EXISTS users_last_login_idx;
CREATE INDEX CONCURRENTLY users_last_login_idx ON users (last_login_at DESC NULLS LAST);
