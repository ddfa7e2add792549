-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users ADD COLUMN age int CHECK (age >= 0);
-- fixed: V2__column.sql
ALTER TABLE users ADD COLUMN age int;
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;
-- fixed: V3__validate.sql
ALTER TABLE users VALIDATE CONSTRAINT users_age_check;
