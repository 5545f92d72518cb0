-- A NOT NULL column with a default: existing rows get 'US', no table rewrite on PostgreSQL 11+.
-- These files also run on SQLite (the test environment), which has no SET lock_timeout; the
-- production pipeline sets it for the session instead (PGOPTIONS="-c lock_timeout=2s").
-- dbops:ignore require-timeout-settings, require-lock-timeout, require-statement-timeout
ALTER TABLE customers ADD COLUMN country_code TEXT NOT NULL DEFAULT 'US';
