-- Customers of the shop. Every column is NOT NULL: a missing email or name is a bug upstream.
CREATE TABLE customers (
  id BIGINT PRIMARY KEY,
  email TEXT NOT NULL,
  full_name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The table is new and empty, so a plain CREATE INDEX locks nothing here.
CREATE UNIQUE INDEX customers_email_key ON customers (email);
