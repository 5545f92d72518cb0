CREATE TABLE warehouses (
  id smallint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code char(4) NOT NULL,
  name varchar(100) NOT NULL,
  country char(2) NOT NULL DEFAULT 'DE',
  location point DEFAULT NULL,
  UNIQUE KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE stock_levels (
  warehouse_id smallint unsigned NOT NULL,
  product_id int unsigned NOT NULL,
  on_hand int NOT NULL DEFAULT 0,
  reserved int NOT NULL DEFAULT 0,
  available int AS (on_hand - reserved) VIRTUAL,
  updated_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (warehouse_id, product_id),
  KEY idx_stock_product (product_id),
  CONSTRAINT fk_stock_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
  CONSTRAINT fk_stock_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_stock_reserved CHECK (reserved >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE stock_movements (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  warehouse_id smallint unsigned NOT NULL,
  product_id int unsigned NOT NULL,
  delta int NOT NULL,
  reason enum('receipt','sale','return','adjustment') NOT NULL,
  reference varchar(64) DEFAULT NULL,
  moved_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_movements_product_moved (product_id, moved_at),
  FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
  FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE stock_levels ADD COLUMN reorder_point int DEFAULT NULL, ADD COLUMN reorder_qty int DEFAULT NULL;
ALTER TABLE stock_movements ADD INDEX idx_movements_reference (reference(16));
ALTER TABLE stock_movements MODIFY reason enum('receipt','sale','return','adjustment','transfer') NOT NULL;
ALTER TABLE warehouses MODIFY location point NOT NULL, ADD SPATIAL INDEX sp_warehouses_location (location);
