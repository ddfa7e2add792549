CREATE TABLE customers (id bigint PRIMARY KEY);
INSERT INTO customers SELECT g FROM generate_series(1, 10) g;
-- Three orders without a quantity; one order of customer 999, who does not exist.
CREATE TABLE orders (id bigint PRIMARY KEY, code int NOT NULL, qty int, customer_id bigint NOT NULL);
INSERT INTO orders SELECT g, g % 10, CASE WHEN g <= 3 THEN NULL ELSE g END, CASE WHEN g = 5 THEN 999 ELSE 1 END
FROM generate_series(1, 1000) g;
CREATE TABLE items (id bigint PRIMARY KEY, divisor int NOT NULL, ratio int);
INSERT INTO items SELECT g, CASE WHEN g = 1500 THEN 0 ELSE 2 END, NULL FROM generate_series(1, 3000) g;
