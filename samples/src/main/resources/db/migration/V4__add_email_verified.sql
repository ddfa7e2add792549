-- Expand step: a nullable column without a default is a metadata-only change; running code ignores it.
ALTER TABLE users ADD COLUMN email_verified boolean;
