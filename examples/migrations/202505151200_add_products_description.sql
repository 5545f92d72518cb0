-- lock_timeout comes from the session (see 202505151000_add_customers_country.sql).
-- dbops:ignore require-timeout-settings
ALTER TABLE products ADD COLUMN description TEXT NOT NULL DEFAULT '';
