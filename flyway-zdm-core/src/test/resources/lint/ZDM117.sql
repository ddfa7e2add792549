-- case: check validated in the same migration
-- expect: ZDM117
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;

-- case: foreign key validated in the same migration
-- expect: ZDM117
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;

-- case: validated in the next migration
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;

-- case: validating a constraint of unknown origin
-- expect: none
ALTER TABLE orders VALIDATE CONSTRAINT legacy_check;

-- case: same migration on a new table
-- expect: none
CREATE TABLE t (n int);
ALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0) NOT VALID;
ALTER TABLE t VALIDATE CONSTRAINT t_n;
