-- Monthly partition maintenance: new months in, the oldest one out.
CREATE TABLE audit.events_2026_04 PARTITION OF audit.events
    FOR VALUES FROM ('2026-04-01') TO ('2026-05-01');
CREATE TABLE audit.events_2026_05 (LIKE audit.events INCLUDING DEFAULTS);
ALTER TABLE audit.events ATTACH PARTITION audit.events_2026_05
    FOR VALUES FROM ('2026-05-01') TO ('2026-06-01');
ALTER TABLE audit.events DETACH PARTITION audit.events_2026_01;
ALTER TABLE audit.events_2026_01 RENAME TO events_2026_01_archive;
CREATE INDEX events_action_idx ON audit.events (action);
ALTER TABLE audit.events ADD COLUMN ip_address inet;
