-- Every row gets a counter; the backfill adds one to it, so a row done twice shows 2 and a row skipped shows 0.
CREATE TABLE accounts (id int PRIMARY KEY, n int NOT NULL DEFAULT 0);
INSERT INTO accounts (id) SELECT g FROM generate_series(1, 20000) g;
-- While control.slow is set, updating every 4000th row sleeps: the test kills the migrating JVM in that sleep,
-- that is in the middle of a batch transaction that has already changed rows.
CREATE TABLE control (slow boolean NOT NULL);
INSERT INTO control VALUES (true);
CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id % 4000 = 0 AND (SELECT slow FROM control) THEN
        PERFORM pg_sleep(0.4);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER accounts_slow_down BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION slow_down();
