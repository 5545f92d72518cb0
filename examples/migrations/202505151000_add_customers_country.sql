-- A NOT NULL column with a default: existing rows get 'US', no table rewrite on PostgreSQL 11+.
ALTER TABLE customers ADD COLUMN country_code VARCHAR(2) NOT NULL DEFAULT 'US';
