-- lookups by status
CREATE INDEX orders_status_idx ON orders (status);

-- zdm:rollback
-- DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;
