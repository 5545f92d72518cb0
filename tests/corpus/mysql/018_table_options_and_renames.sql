ALTER TABLE stores COMMENT = 'Physical stores';
ALTER TABLE stores AUTO_INCREMENT = 1000;
ALTER TABLE page_views ENGINE = InnoDB;
OPTIMIZE TABLE stock_movements;
ANALYZE TABLE products;
RENAME TABLE stock_movements TO inventory_movements, stock_levels TO inventory_levels;
ALTER TABLE inventory_levels RENAME INDEX idx_stock_product TO idx_inventory_product;
ALTER TABLE techBook ADD COLUMN Publisher varchar(100) DEFAULT NULL;
ALTER TABLE techBook RENAME TO tech_books;
ALTER TABLE tech_books CHANGE Title title varchar(300) NOT NULL;
CREATE TABLE AuditLog (
  Id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  Message varchar(500) NOT NULL,
  CreatedAt datetime NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE AuditLog ADD INDEX IX_AuditLog_CreatedAt (CreatedAt);
SET FOREIGN_KEY_CHECKS = 0;
ALTER TABLE wishlists DROP FOREIGN KEY wishlists_ibfk_1;
SET FOREIGN_KEY_CHECKS = 1;
