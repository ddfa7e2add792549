-- Scans the whole table under ACCESS EXCLUSIVE.
ALTER TABLE users ALTER COLUMN email_verified SET NOT NULL;
