-- zdm:phase=expand
-- Built without blocking writes (SHARE UPDATE EXCLUSIVE); a failed build's invalid index is dropped and retried.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
