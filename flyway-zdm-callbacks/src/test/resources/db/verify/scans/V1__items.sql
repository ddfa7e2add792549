CREATE TABLE items_a (id bigint PRIMARY KEY, code int NOT NULL, note text);
INSERT INTO items_a SELECT g, g, 'item ' || g FROM generate_series(1, 50000) g;
CREATE INDEX items_a_code_idx ON items_a (code);
CREATE TABLE items_b (id bigint PRIMARY KEY, code int NOT NULL, note text);
INSERT INTO items_b SELECT g, g, 'item ' || g FROM generate_series(1, 50000) g;
CREATE INDEX items_b_code_idx ON items_b (code);
ANALYZE items_a;
ANALYZE items_b;
