ALTER TABLE customers DROP COLUMN internal_notes;
ALTER TABLE products DROP INDEX idx_products_search, DROP COLUMN search_name;
ALTER TABLE customers DROP INDEX idx_customers_name;
ALTER TABLE customers DROP COLUMN first_name;
ALTER TABLE products DROP CONSTRAINT chk_products_price;
ALTER TABLE wishlists DROP FOREIGN KEY fk_wishlists_customer;
DROP INDEX sp_routes_path ON delivery_routes;
DROP TABLE IF EXISTS retired_products, products_backup;
DROP VIEW v_active_products;
