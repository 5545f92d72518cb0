CREATE TABLE shipments (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  order_id bigint unsigned NOT NULL,
  carrier varchar(32) NOT NULL,
  tracking_number varchar(64) DEFAULT NULL,
  weight_g int unsigned DEFAULT NULL,
  shipped_at datetime DEFAULT NULL,
  delivered_at datetime DEFAULT NULL,
  PRIMARY KEY (id),
  KEY (order_id),
  KEY idx_shipments_tracking (carrier, tracking_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE shipments ADD CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES sales_orders (id) ON DELETE CASCADE;
CREATE TABLE shipment_events (
  shipment_id bigint unsigned NOT NULL,
  seq smallint unsigned NOT NULL,
  status varchar(32) NOT NULL,
  location varchar(200) DEFAULT NULL,
  happened_at datetime NOT NULL,
  raw json DEFAULT NULL,
  PRIMARY KEY (shipment_id, seq),
  CONSTRAINT fk_events_shipment FOREIGN KEY (shipment_id) REFERENCES shipments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE sales_orders DROP COLUMN shipped_at;
ALTER TABLE shipments MODIFY carrier enum('dhl','ups','fedex','post') NOT NULL;
ALTER TABLE shipments ADD COLUMN cost_cents int unsigned NOT NULL DEFAULT 0 AFTER weight_g;
ALTER TABLE shipments ALTER COLUMN cost_cents DROP DEFAULT;
CREATE INDEX idx_shipments_shipped USING BTREE ON shipments (shipped_at);
CREATE VIEW v_open_shipments AS SELECT id, order_id, carrier, tracking_number FROM shipments WHERE delivered_at IS NULL;
INSERT INTO warehouses (code, name, location) VALUES ('BER1', 'Berlin', POINT(13.4, 52.5)) ON DUPLICATE KEY UPDATE name = VALUES(name);
