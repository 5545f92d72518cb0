-- Roles move from free text to an enum.
CREATE TYPE member_role AS ENUM ('member', 'maintainer', 'owner');
ALTER TABLE team_members ALTER COLUMN role DROP DEFAULT;
ALTER TABLE team_members ALTER COLUMN role TYPE member_role USING role::member_role;
ALTER TABLE team_members ALTER COLUMN role SET DEFAULT 'member';
ALTER TYPE task_status ADD VALUE 'blocked' BEFORE 'done';
ALTER TYPE task_status ADD VALUE IF NOT EXISTS 'cancelled';
