-- Expand: a display_name column next to full_name, backfilled, then required.
SET lock_timeout = '3s';
ALTER TABLE users ADD COLUMN display_name varchar(120);
UPDATE users SET display_name = coalesce(full_name, split_part(email, '@', 1));
ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;
ALTER TABLE users ALTER COLUMN display_name SET DEFAULT '';
ALTER TABLE users ADD COLUMN avatar_url text, ADD COLUMN locale varchar(10);
ALTER TABLE accounts ADD COLUMN country char(2);
ALTER TABLE accounts ALTER COLUMN country SET DEFAULT 'US';
ALTER TABLE accounts ADD COLUMN seats integer NOT NULL DEFAULT 1;
ALTER TABLE accounts ADD CONSTRAINT accounts_seats_positive CHECK (seats > 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_seats_positive;
