CREATE TABLE customer_order_totals AS
SELECT c.id AS customer_id, c.email, o.total, o.currency
FROM customers c JOIN sales_orders o ON o.customer_id = c.id;
CREATE TABLE retired_products SELECT id, sku, name, price FROM products WHERE status = 'retired';
CREATE TABLE products_backup LIKE products;
ALTER TABLE customer_order_totals ADD KEY idx_cot_customer (customer_id);
CREATE VIEW v_active_products AS SELECT id, sku, name, price FROM products WHERE status = 'active';
CREATE OR REPLACE VIEW v_active_products AS SELECT id, sku, name, price, stock FROM products WHERE status = 'active';
