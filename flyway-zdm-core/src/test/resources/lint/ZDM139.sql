-- case: new value used as a default in the same migration
-- expect: ZDM139
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'ecstatic';

-- case: new value used in an update
-- expect: ZDM139
ALTER TYPE order_state ADD VALUE 'archived';
UPDATE orders SET state = 'archived' WHERE id = 1;

-- case: new value used in the next migration
-- expect: none
ALTER TYPE mood ADD VALUE 'ecstatic';
-- file: V2__use.sql
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'ecstatic';

-- case: another value used
-- expect: none
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'happy';
