CREATE TABLE orders (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  customer_id int unsigned NOT NULL,
  number char(12) NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'new',
  total decimal(12,2) NOT NULL DEFAULT '0.00',
  currency char(3) NOT NULL DEFAULT 'EUR',
  placed_at datetime DEFAULT NULL,
  shipped_at datetime DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_orders_number (number),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_items (
  order_id bigint unsigned NOT NULL,
  line_no smallint unsigned NOT NULL,
  product_id int unsigned NOT NULL,
  quantity int unsigned NOT NULL DEFAULT 1,
  unit_price decimal(10,2) NOT NULL,
  line_total decimal(12,2) AS (quantity * unit_price) STORED,
  PRIMARY KEY (order_id, line_no),
  KEY idx_order_items_product (product_id),
  CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_items_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE addresses (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id int unsigned NOT NULL,
  kind enum('billing','shipping') NOT NULL,
  line1 varchar(200) NOT NULL,
  line2 varchar(200),
  city varchar(100) NOT NULL,
  postcode varchar(16) NOT NULL,
  country char(2) NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;

INSERT INTO categories (name, slug) VALUES ('Books', 'books'), ('Games', 'games');
