-- Under `mvn flyway:migrate` with default Flyway settings this would hang without flyway-zdm.
CREATE INDEX CONCURRENTLY accounts_name_idx ON accounts (name);
