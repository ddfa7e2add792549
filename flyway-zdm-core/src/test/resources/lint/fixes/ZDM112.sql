-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users ADD COLUMN num bigint GENERATED ALWAYS AS IDENTITY;
-- fixed: V2__column.sql
CREATE SEQUENCE users_num_seq;
ALTER TABLE users ADD COLUMN num bigint;
ALTER TABLE users ALTER COLUMN num SET DEFAULT nextval('users_num_seq');
ALTER SEQUENCE users_num_seq OWNED BY users.num;
-- fixed: V3__fill.sql
-- zdm:batched key=id size=5000
UPDATE users SET num = nextval('users_num_seq') WHERE num IS NULL;
