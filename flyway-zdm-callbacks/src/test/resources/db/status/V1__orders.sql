CREATE TABLE orders (id bigint PRIMARY KEY, email text NOT NULL, code int NOT NULL);
INSERT INTO orders SELECT g, 'user' || g || '@example.com', g % 10 FROM generate_series(1, 20000) g;
ANALYZE orders;
CREATE TABLE items (id bigint PRIMARY KEY, divisor int NOT NULL, ratio int);
INSERT INTO items SELECT g, CASE WHEN g = 1500 THEN 0 ELSE 2 END, NULL FROM generate_series(1, 3000) g;
