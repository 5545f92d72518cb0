-- Orders cancelled before the launch were test orders: mark them archived.
UPDATE orders SET status = 'archived' WHERE status = 'cancelled';
