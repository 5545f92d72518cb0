-- Multi-tenancy: every shop table gets a tenant, keys lead with it.
CREATE TABLE tenants (
  id smallint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug varchar(40) NOT NULL,
  name varchar(120) NOT NULL,
  plan enum('starter','growth','enterprise') NOT NULL DEFAULT 'starter',
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tenants_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO tenants (id, slug, name) VALUES (1, 'default', 'Default shop');
ALTER TABLE customers ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 FIRST;
ALTER TABLE products ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 AFTER id;
ALTER TABLE sales_orders ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 AFTER id;
ALTER TABLE coupons ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 AFTER id;
ALTER TABLE gift_cards ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 AFTER id;
ALTER TABLE warehouses ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 AFTER id;
ALTER TABLE customers DROP INDEX uq_customers_email, ADD UNIQUE KEY uq_customers_tenant_email (tenant_id, email);
ALTER TABLE products DROP INDEX uq_products_sku, ADD UNIQUE KEY uq_products_tenant_sku (tenant_id, sku);
ALTER TABLE coupons DROP INDEX uq_coupons_code, ADD UNIQUE KEY uq_coupons_tenant_code (tenant_id, code);
ALTER TABLE sales_orders ADD INDEX idx_orders_tenant_placed (tenant_id, placed_at);
ALTER TABLE customers ADD CONSTRAINT fk_customers_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE products ADD CONSTRAINT fk_products_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE sales_orders ADD CONSTRAINT fk_orders_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE coupons ADD CONSTRAINT fk_coupons_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE gift_cards ADD CONSTRAINT fk_gift_cards_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE warehouses ADD CONSTRAINT fk_warehouses_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE warehouses ADD INDEX idx_warehouses_tenant (tenant_id);
ALTER TABLE customers ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE products ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE sales_orders ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE tenants ADD COLUMN settings json DEFAULT NULL, ADD COLUMN disabled_at datetime DEFAULT NULL;
ALTER TABLE tenants MODIFY name varchar(200) NOT NULL;
ALTER TABLE tenants CHANGE slug handle varchar(40) NOT NULL;
ALTER TABLE tenants RENAME INDEX uq_tenants_slug TO uq_tenants_handle;
CREATE TABLE tenant_domains (
  domain varchar(253) NOT NULL PRIMARY KEY,
  tenant_id smallint unsigned NOT NULL,
  verified tinyint(1) NOT NULL DEFAULT 0,
  CONSTRAINT fk_domains_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii;
ALTER TABLE tenant_domains ADD INDEX idx_domains_tenant_verified (tenant_id, verified);
ALTER TABLE tenant_domains CONVERT TO CHARACTER SET utf8mb4;
RENAME TABLE tenant_domains TO tenant_hostnames;
ALTER TABLE tenant_hostnames CHANGE domain hostname varchar(253) NOT NULL;
DROP TABLE IF EXISTS order_stats;
ALTER TABLE product_prices_2026 RENAME TO price_list_2026;
ALTER TABLE price_list_2026 ADD COLUMN tenant_id smallint unsigned NOT NULL DEFAULT 1 FIRST, DROP INDEX uq_prices_sku, ADD UNIQUE KEY uq_price_list_tenant_sku (tenant_id, sku);
