-- case: rename column
-- expect: ZDM120
ALTER TABLE users RENAME COLUMN email TO email_address;

-- case: rename column without the column keyword
-- expect: ZDM120
ALTER TABLE app.users RENAME email TO mail;

-- case: rename column of a new table
-- expect: none
CREATE TABLE t (a int);
ALTER TABLE t RENAME COLUMN a TO b;

-- case: rename constraint is harmless
-- expect: none
ALTER TABLE users RENAME CONSTRAINT users_check TO users_age_check;

-- case: contract step marked
-- expect: none
-- zdm:ignore ZDM120 contract step: nothing reads email since release 12
ALTER TABLE users RENAME COLUMN email TO email_address;
