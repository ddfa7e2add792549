-- The switch decides whether the backfill's SET divides by zero on member 3210.
CREATE TABLE switch (fail boolean NOT NULL);
INSERT INTO switch VALUES (true);
CREATE TABLE members (id int PRIMARY KEY, tier text, check_value int, n int NOT NULL DEFAULT 0);
INSERT INTO members (id) SELECT g FROM generate_series(1, 6000) g;
