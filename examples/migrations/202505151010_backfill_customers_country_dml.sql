-- Backfill: customers with a German address domain live in Germany.
UPDATE customers SET country_code = 'DE' WHERE email LIKE '%.de';
