CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, amount int NOT NULL DEFAULT 0);
INSERT INTO users (name, amount) SELECT 'user ' || g, g FROM generate_series(1, 3000) g;
CREATE INDEX users_name_idx ON users (name);
