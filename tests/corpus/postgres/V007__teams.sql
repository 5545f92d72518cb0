CREATE TABLE teams (
    id integer GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    name varchar(80) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE team_members (
    team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role varchar(20) NOT NULL DEFAULT 'member',
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id_idx ON team_members (user_id);
ALTER TABLE projects ADD COLUMN team_id integer;
ALTER TABLE projects ADD CONSTRAINT projects_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
ALTER TABLE projects VALIDATE CONSTRAINT projects_team_id_fkey;
CREATE INDEX projects_team_id_idx ON projects (team_id);
