-- lock_timeout comes from the session (see 202505151000_add_customers_country.sql).
-- dbops:ignore require-timeout-settings, require-lock-timeout, require-statement-timeout
ALTER TABLE products ADD COLUMN description TEXT NOT NULL DEFAULT '';
