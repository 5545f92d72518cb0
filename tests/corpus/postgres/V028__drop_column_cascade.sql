CREATE VIEW user_directory AS SELECT id, account_id, display_name, email, avatar_url FROM users;
CREATE VIEW user_emails AS SELECT id, email FROM users;
ALTER TABLE users DROP COLUMN avatar_url CASCADE;
ALTER TABLE users ADD COLUMN avatar_path varchar(500);
CREATE INDEX users_display_name_idx ON users (display_name);
CREATE INDEX users_name_email_idx ON users (display_name, email);
ALTER TABLE users DROP COLUMN display_name CASCADE;
ALTER TABLE users ADD COLUMN display_name varchar(200) NOT NULL DEFAULT '';
DROP SCHEMA audit CASCADE;
