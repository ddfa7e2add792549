-- case: foreign key without not valid
-- expect: ZDM115
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);

-- case: unnamed foreign key
-- expect: ZDM115
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

-- case: foreign key to a new table still scans the existing one
-- expect: ZDM115
CREATE TABLE tenants (id bigint PRIMARY KEY);
ALTER TABLE orders ADD CONSTRAINT orders_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id);

-- case: not valid foreign key
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

-- case: deferrable not valid foreign key
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED NOT VALID;

-- case: foreign key on a new table
-- expect: none
CREATE TABLE lines (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);

-- case: foreign key in create table
-- expect: none
CREATE TABLE lines (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), CONSTRAINT x FOREIGN KEY (id) REFERENCES orders (id));
