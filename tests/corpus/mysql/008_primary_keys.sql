-- order_items gets a surrogate key.
ALTER TABLE order_items DROP PRIMARY KEY, ADD COLUMN id bigint unsigned NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (id);
ALTER TABLE order_items ADD UNIQUE KEY uq_order_items_line (order_id, line_no);
CREATE TABLE wishlists (
  customer_id int unsigned NOT NULL,
  product_id int unsigned NOT NULL,
  added_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE wishlists ADD PRIMARY KEY (customer_id, product_id);
ALTER TABLE wishlists ADD CONSTRAINT fk_wishlists_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;
ALTER TABLE wishlists ADD FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE;
ALTER TABLE techBook MODIFY id bigint NOT NULL AUTO_INCREMENT;
