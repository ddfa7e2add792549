-- setup:
CREATE DOMAIN positive_int AS int;
-- migration:
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);
-- fixed: V2__check.sql
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;
-- fixed: V3__validate.sql
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
