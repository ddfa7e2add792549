-- Pending while zdm:watch runs: it touches orders, so the watch focuses on the sessions waiting for its locks.
ALTER TABLE orders ADD COLUMN note text;
