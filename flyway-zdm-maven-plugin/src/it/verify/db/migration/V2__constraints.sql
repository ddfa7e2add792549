-- zdm:verify SELECT count(*) = 1000 FROM orders

ALTER TABLE orders ADD CONSTRAINT orders_qty_present CHECK (qty IS NOT NULL) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_id_positive CHECK (id > 0) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
-- zdm:verify SELECT NOT EXISTS (SELECT 1 FROM orders WHERE qty IS NULL);
ALTER TABLE orders ALTER COLUMN qty SET DEFAULT 1;
