ALTER TABLE users ADD COLUMN email_verified boolean;
ALTER TABLE users ALTER COLUMN email_verified SET DEFAULT false;
