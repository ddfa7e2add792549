ALTER TABLE accounts RENAME COLUMN email TO mail;
