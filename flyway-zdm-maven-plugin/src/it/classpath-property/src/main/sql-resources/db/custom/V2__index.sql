CREATE INDEX CONCURRENTLY accounts_mail ON accounts (mail);
