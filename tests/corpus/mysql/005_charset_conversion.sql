-- Emoji support: every utf8mb3 table converts to utf8mb4.
ALTER TABLE customers CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE addresses CONVERT TO CHARACTER SET utf8mb4;
ALTER TABLE orders DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
ALTER TABLE customers MODIFY internal_notes text CHARACTER SET utf8mb4 COMMENT 'staff only';
