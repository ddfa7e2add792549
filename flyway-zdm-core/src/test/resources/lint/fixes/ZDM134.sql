-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
CREATE TABLE orders (id bigint PRIMARY KEY);
-- migration:
ALTER TABLE users ADD COLUMN a text;
ALTER TABLE orders ADD COLUMN b text;
-- fixed: V2__users.sql
ALTER TABLE users ADD COLUMN a text;
-- fixed: V3__orders.sql
ALTER TABLE orders ADD COLUMN b text;
