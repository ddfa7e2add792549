-- case: add value with other statements before 12
-- expect: ZDM138
-- pg: 10-11
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TABLE users ADD COLUMN note text;

-- case: add value alone before 12
-- expect: none
-- pg: 10-11
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ecstatic' AFTER 'happy';

-- case: add value with other statements on 12+
-- expect: none
-- pg: 12+
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TABLE users ADD COLUMN note text;
