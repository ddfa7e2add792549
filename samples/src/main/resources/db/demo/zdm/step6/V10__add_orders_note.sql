-- zdm:phase=expand
-- Metadata-only, but it needs ACCESS EXCLUSIVE on orders while a report holds a long transaction on it: each attempt
-- waits at most lock_timeout, then steps out of the queue and retries with backoff.
ALTER TABLE orders ADD COLUMN note text;
