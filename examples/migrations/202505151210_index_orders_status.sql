-- orders is still small; a short write lock while this index builds is acceptable, and a plain
-- CREATE INDEX also runs on SQLite (which has no CONCURRENTLY). lock_timeout comes from the
-- session (see 202505151000_add_customers_country.sql).
-- dbops:ignore require-concurrent-index-creation, require-timeout-settings, require-lock-timeout,
-- dbops:ignore require-statement-timeout
CREATE INDEX orders_status_idx ON orders (status);
