-- Orders: money columns become integer cents, in steps.
ALTER TABLE sales_orders ADD COLUMN total_cents bigint NOT NULL DEFAULT 0 AFTER total;
UPDATE sales_orders SET total_cents = ROUND(total * 100);
ALTER TABLE sales_orders DROP COLUMN total;
ALTER TABLE sales_orders CHANGE total_cents total bigint NOT NULL DEFAULT 0;
ALTER TABLE sales_orders CHANGE total total_cents bigint NOT NULL DEFAULT 0;
ALTER TABLE sales_orders MODIFY status enum('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new';
ALTER TABLE sales_orders CHANGE number order_number char(14) NOT NULL;
ALTER TABLE sales_orders RENAME INDEX uq_orders_number TO uq_sales_orders_number;
ALTER TABLE sales_orders ADD COLUMN notes varchar(2000) DEFAULT NULL, ADD COLUMN gift tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE sales_orders MODIFY notes text;
ALTER TABLE order_items MODIFY quantity smallint unsigned NOT NULL DEFAULT 1;
ALTER TABLE order_items CHANGE unit_price unit_price_cents int unsigned NOT NULL;
ALTER TABLE order_items DROP COLUMN line_total;
ALTER TABLE order_items ADD COLUMN line_total_cents bigint AS (quantity * unit_price_cents) STORED;
