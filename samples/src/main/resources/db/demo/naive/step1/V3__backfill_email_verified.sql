-- One UPDATE: row locks on every user until it commits.
UPDATE users SET email_verified = (id % 3 = 0) WHERE email_verified IS NULL;
