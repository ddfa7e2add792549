-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- fixed: V2__check.sql
ALTER TABLE users ADD CONSTRAINT users_email_zdm_not_null CHECK (email IS NOT NULL) NOT VALID;
-- fixed: V3__validate.sql
ALTER TABLE users VALIDATE CONSTRAINT users_email_zdm_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_zdm_not_null;
