-- pg: 11
-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
CREATE TYPE mood AS ENUM ('happy');
-- migration:
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TABLE users ADD COLUMN note text;
-- fixed: V2__enum.sql
ALTER TYPE mood ADD VALUE 'ecstatic';
-- fixed: V3__column.sql
ALTER TABLE users ADD COLUMN note text;
