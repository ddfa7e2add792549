DROP INDEX users_old;
