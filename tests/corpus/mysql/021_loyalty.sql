-- Loyalty programme.
CREATE TABLE loyalty_tiers (
  id tinyint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(32) NOT NULL,
  min_points int unsigned NOT NULL DEFAULT 0,
  discount_pct decimal(4,2) NOT NULL DEFAULT 0.00,
  UNIQUE KEY uq_tiers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE loyalty_accounts (
  customer_id int unsigned NOT NULL PRIMARY KEY,
  tier_id tinyint unsigned DEFAULT NULL,
  points int NOT NULL DEFAULT 0,
  lifetime_points bigint NOT NULL DEFAULT 0,
  joined_on date NOT NULL,
  CONSTRAINT fk_loyalty_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
  CONSTRAINT fk_loyalty_tier FOREIGN KEY (tier_id) REFERENCES loyalty_tiers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE loyalty_ledger (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  customer_id int unsigned NOT NULL,
  delta int NOT NULL,
  reason varchar(64) NOT NULL,
  order_id bigint unsigned DEFAULT NULL,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_ledger_customer_created (customer_id, created_at),
  CONSTRAINT fk_ledger_account FOREIGN KEY (customer_id) REFERENCES loyalty_accounts (customer_id),
  CONSTRAINT fk_ledger_order FOREIGN KEY (order_id) REFERENCES sales_orders (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO loyalty_tiers (name, min_points) VALUES ('bronze', 0), ('silver', 1000), ('gold', 5000);
ALTER TABLE loyalty_accounts ADD COLUMN expires_on date DEFAULT NULL AFTER joined_on;
ALTER TABLE loyalty_accounts MODIFY points int unsigned NOT NULL DEFAULT 0;
ALTER TABLE loyalty_ledger CHANGE reason reason_code varchar(32) NOT NULL;
ALTER TABLE loyalty_ledger ADD INDEX idx_ledger_order (order_id);
ALTER TABLE loyalty_tiers ADD COLUMN perks json DEFAULT NULL;
ALTER TABLE loyalty_tiers MODIFY discount_pct decimal(5,2) NOT NULL DEFAULT 0.00;
CREATE VIEW v_customer_points AS SELECT c.id, c.email, l.points, t.name AS tier FROM customers c JOIN loyalty_accounts l ON l.customer_id = c.id LEFT JOIN loyalty_tiers t ON t.id = l.tier_id;
