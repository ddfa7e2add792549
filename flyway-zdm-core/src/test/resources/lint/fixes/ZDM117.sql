-- setup:
CREATE TABLE orders (id bigint PRIMARY KEY, total int);
-- migration:
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
-- fixed: V2__check.sql
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
-- fixed: V3__validate.sql
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
