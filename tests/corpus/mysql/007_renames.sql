-- Naming cleanup: tables, columns and indexes renamed.
RENAME TABLE addresses TO customer_addresses, categories TO product_categories;
ALTER TABLE customer_addresses RENAME INDEX customer_id TO idx_addresses_customer;
ALTER TABLE customers RENAME COLUMN mobile TO mobile_phone;
ALTER TABLE products RENAME KEY idx_products_status TO idx_products_status_created;
ALTER TABLE orders RENAME TO sales_orders;
ALTER TABLE sales_orders CHANGE placed_at placed_at datetime(3) DEFAULT NULL;
CREATE TABLE techBook (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  Title varchar(255) NOT NULL,
  ISBN varchar(20) DEFAULT NULL,
  UNIQUE KEY UQ_isbn (ISBN)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
