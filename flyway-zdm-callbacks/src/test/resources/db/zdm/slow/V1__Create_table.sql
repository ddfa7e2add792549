-- zdm_slow sleeps 1 ms a call: an index on zdm_slow(n) takes about a second to build, long enough to interrupt.
CREATE FUNCTION zdm_slow(v int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN PERFORM pg_sleep(0.001); RETURN v; END $$;
CREATE TABLE big (id int PRIMARY KEY, n int);
INSERT INTO big SELECT g, g FROM generate_series(1, 600) g;
