-- Waits without limit behind the report's transaction, and every query on orders queues behind it.
ALTER TABLE orders ADD COLUMN note text;
