CREATE INDEX CONCURRENTLY IF NOT EXISTS items_divisor ON items (divisor);

-- Fails in the batch holding item 1500 (divisor 0).
-- zdm:batched key=id size=500
UPDATE items SET ratio = 100 / divisor WHERE ratio IS NULL;
