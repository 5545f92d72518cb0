-- Customers: the names get longer, phone is renamed, a column moves.
ALTER TABLE customers MODIFY first_name varchar(100) DEFAULT NULL;
ALTER TABLE customers MODIFY COLUMN last_name varchar(100) NOT NULL DEFAULT '';
ALTER TABLE customers CHANGE phone phone_number varchar(32) NULL;
ALTER TABLE customers CHANGE COLUMN phone_number mobile varchar(32) DEFAULT NULL AFTER email;
ALTER TABLE customers MODIFY newsletter tinyint(1) NOT NULL DEFAULT 1;
ALTER TABLE customers CHANGE notes internal_notes text COMMENT 'staff only';
ALTER TABLE customers ADD COLUMN birthday date NULL AFTER last_name, ADD COLUMN locale varchar(10) NOT NULL DEFAULT 'en' FIRST;
ALTER TABLE customers MODIFY locale varchar(10) NOT NULL DEFAULT 'en' AFTER mobile;
