-- orders is still small; a short write lock while this index builds is acceptable, and a plain
-- CREATE INDEX also runs on SQLite (which has no CONCURRENTLY).
-- dbops:ignore require-concurrent-index-creation
CREATE INDEX orders_status_idx ON orders (status);
