-- case: truncate
-- expect: ZDM132
TRUNCATE sessions;

-- case: truncate table keyword several tables
-- expect: ZDM132
TRUNCATE TABLE a, b RESTART IDENTITY CASCADE;

-- case: truncate only
-- expect: ZDM132
TRUNCATE ONLY app.sessions;

-- case: truncate a new table
-- expect: none
CREATE TABLE staging (id int);
TRUNCATE staging;
