-- zdm:phase=expand
ALTER TABLE users ADD COLUMN full_name text;
