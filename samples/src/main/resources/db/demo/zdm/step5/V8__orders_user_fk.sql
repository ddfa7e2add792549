-- zdm:phase=expand
-- NOT VALID: checks new rows only; the lock (SHARE ROW EXCLUSIVE on both tables) is held for an instant.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
