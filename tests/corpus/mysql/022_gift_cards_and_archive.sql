CREATE TABLE gift_cards (
  id int unsigned NOT NULL AUTO_INCREMENT,
  code char(16) CHARACTER SET ascii NOT NULL,
  initial_cents int unsigned NOT NULL,
  balance_cents int unsigned NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  issued_to int unsigned DEFAULT NULL,
  expires_on date DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_gift_cards_code (code),
  KEY (issued_to),
  CONSTRAINT chk_gift_cards_balance CHECK (balance_cents <= initial_cents)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE gift_cards ADD CONSTRAINT fk_gift_cards_customer FOREIGN KEY (issued_to) REFERENCES customers (id);
CREATE TABLE gift_card_redemptions (
  gift_card_id int unsigned NOT NULL,
  order_id bigint unsigned NOT NULL,
  amount_cents int unsigned NOT NULL,
  redeemed_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (gift_card_id, order_id),
  CONSTRAINT fk_redemptions_card FOREIGN KEY (gift_card_id) REFERENCES gift_cards (id),
  CONSTRAINT fk_redemptions_order FOREIGN KEY (order_id) REFERENCES sales_orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE sales_orders_archive LIKE sales_orders;
ALTER TABLE sales_orders_archive ADD COLUMN archived_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP;
INSERT INTO sales_orders_archive (id, customer_id, order_number, status, total_cents, currency)
  SELECT id, customer_id, order_number, status, total_cents, currency FROM sales_orders WHERE status = 'cancelled';
CREATE TABLE order_stats SELECT customer_id, COUNT(*) AS orders, MAX(placed_at) AS last_order FROM sales_orders GROUP BY customer_id;
ALTER TABLE order_stats ADD PRIMARY KEY (customer_id);
CREATE TABLE product_prices_2026 AS SELECT id AS product_id, sku, price FROM products;
ALTER TABLE product_prices_2026 MODIFY price decimal(12,2) NOT NULL, ADD UNIQUE KEY uq_prices_sku (sku);
