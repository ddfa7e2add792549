CREATE TABLE accounts (id bigint PRIMARY KEY, score int NOT NULL, tier int CHECK (tier BETWEEN 0 AND 9));
-- one bad score: its tier would be 50, which the CHECK refuses
INSERT INTO accounts (id, score) SELECT g, CASE WHEN g = 12345 THEN 500 ELSE g % 100 END FROM generate_series(1, 20000) g;
CREATE TABLE events (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0);
INSERT INTO events (id) SELECT generate_series(1, 5000);
