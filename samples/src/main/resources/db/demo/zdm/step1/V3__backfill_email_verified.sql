-- zdm:phase=migrate
-- Keyset batches on the primary key, each its own short transaction with a checkpoint: the application's writes to a
-- user wait at most one batch, never the whole table.
-- zdm:batched key=id
UPDATE users SET email_verified = (id % 3 = 0) WHERE email_verified IS NULL;
