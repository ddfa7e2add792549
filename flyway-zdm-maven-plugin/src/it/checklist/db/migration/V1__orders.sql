CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, legacy text);
INSERT INTO orders SELECT g, CASE WHEN g % 10 = 0 THEN 'new' ELSE 'done' END, 'x' FROM generate_series(1, 20000) g;
