CREATE TABLE payments (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id bigint unsigned NOT NULL,
  provider varchar(32) NOT NULL,
  provider_ref varchar(128) NOT NULL,
  amount decimal(12,2) NOT NULL,
  status enum('pending','captured','failed','refunded') NOT NULL DEFAULT 'pending',
  payload longtext,
  received_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_payments_provider_ref (provider, provider_ref),
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES sales_orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE payments MODIFY status enum('pending','authorized','captured','failed','refunded') NOT NULL DEFAULT 'pending';
ALTER TABLE payments ADD COLUMN captured_at datetime(6) NULL DEFAULT NULL, ADD COLUMN fee decimal(8,4) NOT NULL DEFAULT 0;
ALTER TABLE payments CHANGE provider provider_code varchar(32) NOT NULL, RENAME INDEX uq_payments_provider_ref TO uq_payments_provider;
UPDATE payments SET fee = 0 WHERE fee IS NULL;
ALTER TABLE payments ADD INDEX idx_payments_status_received (status, received_at), ALGORITHM=INPLACE, LOCK=NONE;
