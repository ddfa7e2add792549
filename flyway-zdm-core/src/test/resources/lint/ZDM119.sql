-- case: domain check without not valid
-- expect: ZDM119
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);

-- case: unnamed domain check
-- expect: ZDM119
ALTER DOMAIN app.email ADD CHECK (VALUE ~ '@');

-- case: domain check not valid
-- expect: none
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;

-- case: domain created in the same migration
-- expect: none
CREATE DOMAIN code AS text;
ALTER DOMAIN code ADD CONSTRAINT code_len CHECK (length(VALUE) < 10);
