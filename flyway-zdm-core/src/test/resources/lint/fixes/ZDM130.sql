-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users SET TABLESPACE pg_default;
-- fixed: V2__nothing.sql
-- rebuilt online with pg_repack outside the migration
SELECT 1;
