CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, email_verified boolean);
INSERT INTO users (email, email_verified)
SELECT 'user' || g || '@example.com', CASE WHEN g % 100 = 0 THEN true END FROM generate_series(1, 30000) g;
