CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text, email_verified boolean);
INSERT INTO users (email, email_verified) SELECT 'u' || g || '@example.com', g % 2 = 0 FROM generate_series(1, 2000) g;
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint, amount numeric);
INSERT INTO orders (user_id, amount) SELECT g, g FROM generate_series(1, 2000) g;
CREATE INDEX orders_legacy_idx ON orders (amount);
