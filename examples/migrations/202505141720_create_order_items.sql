-- The foreign keys briefly lock the tables they reference; lock_timeout and
-- statement_timeout come from the session (see 202505151000_add_customers_country.sql).
-- dbops:ignore require-lock-timeout, require-statement-timeout
CREATE TABLE order_items (
  order_id BIGINT NOT NULL REFERENCES orders (id),
  product_id BIGINT NOT NULL REFERENCES products (id),
  quantity BIGINT NOT NULL DEFAULT 1,
  unit_price_cents BIGINT NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
