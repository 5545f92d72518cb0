-- Shop backend, first release.
CREATE TABLE customers (
  id int unsigned NOT NULL AUTO_INCREMENT,
  email varchar(191) NOT NULL,
  first_name varchar(50) DEFAULT NULL,
  last_name varchar(50) DEFAULT NULL,
  phone varchar(20),
  newsletter tinyint(1) NOT NULL DEFAULT 0,
  notes text,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_email (email),
  KEY idx_customers_name (last_name, first_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COMMENT='Registered customers';

CREATE TABLE categories (
  id smallint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id smallint unsigned NULL,
  name varchar(100) NOT NULL,
  slug varchar(100) NOT NULL,
  position int NOT NULL DEFAULT 0,
  UNIQUE KEY (slug),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
  id int unsigned NOT NULL AUTO_INCREMENT,
  category_id smallint unsigned NOT NULL,
  sku varchar(32) NOT NULL,
  name varchar(200) NOT NULL,
  description mediumtext,
  price decimal(10,2) NOT NULL,
  cost decimal(10,2) DEFAULT NULL,
  weight_grams int DEFAULT NULL,
  status enum('draft','active','retired') NOT NULL DEFAULT 'draft',
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_sku (sku),
  FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX idx_products_status USING BTREE ON products (status, created_at);
