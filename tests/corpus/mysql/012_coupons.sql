CREATE TABLE coupons (
  id int unsigned NOT NULL AUTO_INCREMENT,
  code varchar(32) NOT NULL,
  percent_off tinyint unsigned DEFAULT NULL,
  amount_off decimal(8,2) DEFAULT NULL,
  valid_from datetime NOT NULL,
  valid_until datetime DEFAULT NULL,
  max_uses int DEFAULT NULL,
  used int NOT NULL DEFAULT 0,
  created_by varchar(64),
  PRIMARY KEY (id),
  UNIQUE KEY uq_coupons_code (code),
  CONSTRAINT chk_coupons_kind CHECK (percent_off IS NOT NULL OR amount_off IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE sales_orders ADD COLUMN coupon_id int unsigned DEFAULT NULL AFTER customer_id,
  ADD CONSTRAINT fk_orders_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id);
CREATE INDEX idx_coupons_valid ON coupons (valid_from, valid_until);
ALTER TABLE coupons ALTER COLUMN used SET DEFAULT 1;
ALTER TABLE coupons ALTER COLUMN created_by DROP DEFAULT;
ALTER TABLE coupons MODIFY created_by varchar(64) NOT NULL;
ALTER TABLE coupons ADD COLUMN year_added year DEFAULT NULL, ADD COLUMN flags bit(8) DEFAULT NULL, ADD COLUMN zcode int(6) unsigned zerofill DEFAULT NULL;
