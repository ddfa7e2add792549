-- zdm:phase=expand
-- The scan of existing rows, in its own transaction, under SHARE UPDATE EXCLUSIVE: reads and writes go on.
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
