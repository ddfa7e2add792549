-- The same batched engine from plain SQL: the directive makes this UPDATE run in keyset batches of 1000 on
-- the primary key, each its own short transaction with a checkpoint, outside Flyway's transaction.
-- zdm:batched key=id size=1000
UPDATE orders SET total_eur = total_cents / 100.0 WHERE total_eur IS NULL;
