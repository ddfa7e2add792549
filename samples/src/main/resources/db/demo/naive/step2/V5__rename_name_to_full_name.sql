-- Instant, and every running shop-v1 statement naming "name" fails from now on.
ALTER TABLE users RENAME COLUMN name TO full_name;
