CREATE TABLE product_reviews (
  id int unsigned NOT NULL AUTO_INCREMENT,
  product_id int unsigned NOT NULL,
  customer_id int unsigned DEFAULT NULL,
  rating tinyint unsigned NOT NULL,
  title varchar(200) DEFAULT NULL,
  body text NOT NULL,
  approved tinyint(1) NOT NULL DEFAULT 0,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_reviews_product (product_id, approved),
  FULLTEXT KEY ft_reviews_body (title, body),
  CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT fk_reviews_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL,
  CONSTRAINT chk_reviews_rating CHECK (rating BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE review_votes (
  review_id int unsigned NOT NULL,
  customer_id int unsigned NOT NULL,
  helpful tinyint(1) NOT NULL,
  PRIMARY KEY (review_id, customer_id),
  CONSTRAINT fk_votes_review FOREIGN KEY (review_id) REFERENCES product_reviews (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE product_reviews ADD COLUMN helpful_count int unsigned NOT NULL DEFAULT 0;
ALTER TABLE product_reviews MODIFY title varchar(300) DEFAULT NULL;
ALTER TABLE product_reviews DROP INDEX ft_reviews_body;
ALTER TABLE product_reviews ADD FULLTEXT INDEX ft_reviews_text (title, body);
CREATE UNIQUE INDEX uq_reviews_product_customer ON product_reviews (product_id, customer_id);
ALTER TABLE review_votes ADD COLUMN voted_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP;
