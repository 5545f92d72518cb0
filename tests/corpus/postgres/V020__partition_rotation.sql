CREATE TABLE audit.events_2026_06 PARTITION OF audit.events
    FOR VALUES FROM ('2026-06-01') TO ('2026-07-01');
ALTER TABLE audit.events DETACH PARTITION audit.events_2026_02;
DROP TABLE audit.events_2026_02;
DROP TABLE audit.events_2026_01_archive;
CREATE TABLE audit.events_default PARTITION OF audit.events DEFAULT;
ALTER TABLE audit.events ALTER COLUMN payload SET DEFAULT '{}'::jsonb;
