CREATE TABLE stores (
  id int unsigned NOT NULL AUTO_INCREMENT,
  name varchar(100) NOT NULL,
  location point NOT NULL,
  service_area polygon DEFAULT NULL,
  opened_on date DEFAULT NULL,
  opening_hours json DEFAULT NULL,
  PRIMARY KEY (id),
  SPATIAL KEY sp_stores_location (location)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE delivery_routes (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  store_id int unsigned NOT NULL,
  path linestring NOT NULL,
  stops multipoint DEFAULT NULL,
  shape geometry DEFAULT NULL,
  CONSTRAINT fk_routes_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE SPATIAL INDEX sp_routes_path ON delivery_routes (path);
