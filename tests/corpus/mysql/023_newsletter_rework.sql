-- Newsletter consent moves to its own table (expand), the flag goes (contract).
CREATE TABLE marketing_consents (
  customer_id int unsigned NOT NULL,
  channel enum('email','sms','push') NOT NULL,
  granted tinyint(1) NOT NULL,
  granted_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  source varchar(32) DEFAULT NULL,
  PRIMARY KEY (customer_id, channel),
  CONSTRAINT fk_consents_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO marketing_consents (customer_id, channel, granted) SELECT id, 'email', newsletter FROM customers;
ALTER TABLE customers DROP COLUMN newsletter;
ALTER TABLE customers ADD COLUMN marketing_opt_out tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE marketing_consents MODIFY channel enum('email','sms','push','whatsapp') NOT NULL;
ALTER TABLE marketing_consents CHANGE source consent_source varchar(64) DEFAULT NULL;
ALTER TABLE marketing_consents ADD INDEX idx_consents_channel (channel, granted);
ALTER TABLE customers MODIFY email varchar(191) NOT NULL COMMENT 'login and contact';
ALTER TABLE customers ADD COLUMN email_verified_at datetime DEFAULT NULL AFTER email;
ALTER TABLE customers ADD UNIQUE INDEX uq_customers_mobile (mobile_phone);
ALTER TABLE customers DROP INDEX uq_customers_mobile;
ALTER TABLE customers ADD INDEX idx_customers_created (created_at);
DROP VIEW IF EXISTS v_customer_points;
CREATE VIEW v_customer_points AS SELECT c.id, c.email, l.points FROM customers c JOIN loyalty_accounts l ON l.customer_id = c.id;
