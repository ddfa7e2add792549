-- Expand step: a nullable column without a default is a metadata-only change; running code ignores it.
-- V6 backfills it in batches, V7 makes it NOT NULL without a long lock.
ALTER TABLE users ADD COLUMN email_verified boolean;
