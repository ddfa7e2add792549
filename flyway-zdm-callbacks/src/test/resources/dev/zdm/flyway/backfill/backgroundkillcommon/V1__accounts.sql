CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0);
INSERT INTO accounts (id) SELECT generate_series(1, 60000);
-- every 10000th row makes its batch slow, so that a runner can be killed in the middle of a batch
CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id % 10000 = 0 THEN
        PERFORM pg_sleep(0.4);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER slow_row BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION slow_row();
