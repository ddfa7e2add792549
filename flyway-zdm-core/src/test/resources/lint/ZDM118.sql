-- case: add unique constraint
-- expect: ZDM118
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

-- case: add primary key
-- expect: ZDM118
ALTER TABLE users ADD PRIMARY KEY (id);

-- case: add column declared unique
-- expect: ZDM118
ALTER TABLE users ADD COLUMN handle text UNIQUE;

-- case: unique nulls not distinct
-- expect: ZDM118
-- pg: 15+
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email);

-- case: unique using index
-- expect: none
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;

-- case: primary key using index (ZDM114 warns: the index's columns are not known here)
-- expect: ZDM114:warning
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_pkey_idx;

-- case: unique on a new table
-- expect: none
CREATE TABLE t (code text);
ALTER TABLE t ADD CONSTRAINT t_code_key UNIQUE (code);

-- case: exclude constraint builds its index under access exclusive
-- expect: ZDM118
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);

-- case: exclude constraint on a new table
-- expect: none
CREATE TABLE bookings (room int, during tstzrange);
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
