-- zdm:phase=expand
-- A nullable column is a metadata-only change; the default (a constant) covers the rows the running version inserts.
ALTER TABLE users ADD COLUMN email_verified boolean;
ALTER TABLE users ALTER COLUMN email_verified SET DEFAULT false;
