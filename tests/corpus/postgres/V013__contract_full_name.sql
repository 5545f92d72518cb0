-- Contract: full_name is gone, display_name replaced it (V004).
SET lock_timeout = '3s';
ALTER TABLE users DROP COLUMN full_name;
ALTER TABLE users DROP COLUMN IF EXISTS legacy_id;
ALTER TABLE accounts DROP CONSTRAINT accounts_slug_format;
DROP INDEX accounts_slug_idx;
ALTER TABLE accounts ADD CONSTRAINT accounts_slug_key UNIQUE (slug);
