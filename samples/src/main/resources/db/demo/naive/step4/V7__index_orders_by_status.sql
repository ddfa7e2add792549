-- SHARE lock on orders for the whole build: every write to orders waits.
CREATE INDEX orders_status_idx ON orders (status);
