-- zdm:phase=expand
CREATE INDEX CONCURRENTLY users_nickname ON users (nickname);
