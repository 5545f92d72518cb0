ALTER TABLE tasks ADD COLUMN legacy_flag boolean;
ALTER TABLE tasks DROP COLUMN legacy_flag, ADD COLUMN legacy_flag smallint NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN effort integer, ADD COLUMN effort_unit varchar(8) DEFAULT 'points',
    ADD CONSTRAINT tasks_effort_unit_check CHECK (effort_unit IN ('points', 'hours'));
ALTER TABLE tasks ALTER COLUMN effort SET DEFAULT 1, ALTER COLUMN effort SET NOT NULL;
ALTER TABLE tasks DROP COLUMN effort_unit;
ALTER TABLE users ALTER COLUMN locale TYPE varchar(16), ALTER COLUMN locale SET DEFAULT 'en-US';
