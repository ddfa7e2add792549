ALTER TABLE orders ADD COLUMN legacy text;
