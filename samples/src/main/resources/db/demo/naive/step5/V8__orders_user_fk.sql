-- Validates every row while holding SHARE ROW EXCLUSIVE on orders and users: writes to both wait.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
