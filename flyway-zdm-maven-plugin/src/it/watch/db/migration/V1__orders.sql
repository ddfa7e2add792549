CREATE TABLE orders (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO orders SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 1000) g;
