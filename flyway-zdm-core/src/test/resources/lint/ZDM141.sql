-- case: begin and commit around statements
-- expect: ZDM141
BEGIN;
ALTER TABLE users ADD COLUMN a text;
COMMIT;

-- case: commit in the middle
-- expect: ZDM141
INSERT INTO audit VALUES (1);
COMMIT;
INSERT INTO audit VALUES (2);

-- case: rollback
-- expect: ZDM141
ROLLBACK;

-- case: start transaction and end
-- expect: ZDM141
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
END;

-- case: savepoints
-- expect: ZDM141
SAVEPOINT s1;
RELEASE SAVEPOINT s1;

-- case: begin inside a plpgsql body is not transaction control
-- expect: none
CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql;

-- case: begin atomic is not transaction control
-- expect: none
CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
