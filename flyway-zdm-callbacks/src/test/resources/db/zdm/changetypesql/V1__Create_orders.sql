CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount integer NOT NULL DEFAULT 0);
INSERT INTO orders (amount) SELECT g FROM generate_series(1, 2000) g;
