CREATE TABLE page_views (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  viewed_on date NOT NULL,
  product_id int unsigned NOT NULL,
  session_id char(32) NOT NULL,
  referrer varchar(500) DEFAULT NULL,
  PRIMARY KEY (id, viewed_on),
  KEY idx_page_views_product (product_id, viewed_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE COLUMNS (viewed_on) (
  PARTITION p2026_01 VALUES LESS THAN ('2026-02-01'),
  PARTITION p2026_02 VALUES LESS THAN ('2026-03-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE)
);
ALTER TABLE page_views REORGANIZE PARTITION pmax INTO (
  PARTITION p2026_03 VALUES LESS THAN ('2026-04-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE)
);
ALTER TABLE page_views DROP PARTITION p2026_01;
ALTER TABLE page_views TRUNCATE PARTITION p2026_02;
ALTER TABLE page_views ADD COLUMN device enum('desktop','mobile','tablet') DEFAULT NULL;
