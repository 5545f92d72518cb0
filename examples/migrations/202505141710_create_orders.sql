-- The foreign keys briefly lock the tables they reference; lock_timeout and
-- statement_timeout come from the session (see 202505151000_add_customers_country.sql).
-- dbops:ignore require-lock-timeout, require-statement-timeout
CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL DEFAULT 'new',
  ordered_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX orders_customer_id_idx ON orders (customer_id);
