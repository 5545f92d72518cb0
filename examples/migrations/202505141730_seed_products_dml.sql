-- Reference data every environment needs.
INSERT INTO products (id, sku, name, price_cents) VALUES
  (1, 'MUG-001', 'Coffee mug', 1200),
  (2, 'TEE-001', 'T-shirt', 2500),
  (3, 'CAP-001', 'Cap', 1800);
