-- Staff accounts and sessions for the back office.
CREATE TABLE IF NOT EXISTS staff_users (
  id int unsigned NOT NULL AUTO_INCREMENT,
  username varchar(64) NOT NULL,
  email varchar(191) NOT NULL,
  password_hash varbinary(255) NOT NULL,
  role enum('viewer','editor','admin') NOT NULL DEFAULT 'viewer',
  mfa_secret char(32) DEFAULT NULL,
  failed_logins tinyint unsigned NOT NULL DEFAULT 0,
  locked_until datetime DEFAULT NULL,
  last_seen_at timestamp NULL DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_staff_username (username),
  UNIQUE KEY uq_staff_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Back-office users';
CREATE TABLE staff_sessions (
  id char(64) NOT NULL,
  staff_user_id int unsigned NOT NULL,
  ip varbinary(16) DEFAULT NULL,
  user_agent varchar(512) DEFAULT NULL,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at datetime NOT NULL,
  PRIMARY KEY (id),
  KEY idx_sessions_expires (expires_at),
  CONSTRAINT fk_sessions_staff FOREIGN KEY (staff_user_id) REFERENCES staff_users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii;
CREATE TABLE staff_audit (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  staff_user_id int unsigned DEFAULT NULL,
  action varchar(64) NOT NULL,
  subject varchar(191) DEFAULT NULL,
  details text,
  at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY idx_staff_audit_user_at (staff_user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE staff_users MODIFY role enum('viewer','editor','admin','owner') NOT NULL DEFAULT 'viewer';
ALTER TABLE staff_users ADD COLUMN display_name varchar(100) DEFAULT NULL AFTER username;
ALTER TABLE staff_users CHANGE mfa_secret totp_secret varbinary(64) DEFAULT NULL;
ALTER TABLE staff_users ALTER COLUMN failed_logins SET DEFAULT 0;
ALTER TABLE staff_sessions MODIFY user_agent varchar(1024) DEFAULT NULL;
ALTER TABLE staff_sessions CONVERT TO CHARACTER SET utf8mb4;
INSERT INTO staff_users (username, email, password_hash, role) VALUES ('root', 'root@example.com', 'x', 'owner');
