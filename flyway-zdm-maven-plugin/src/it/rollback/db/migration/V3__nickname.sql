-- zdm:phase=expand
ALTER TABLE users ADD COLUMN nickname text;

-- zdm:rollback
-- ALTER TABLE users DROP COLUMN IF EXISTS nickname;
