-- case: reindex concurrently is missed by plain Flyway
-- expect: ZDM105
-- config: assumeRunner=false
REINDEX INDEX CONCURRENTLY users_email;

-- case: flyway-zdm's runner recognises reindex concurrently
-- expect: none
REINDEX INDEX CONCURRENTLY users_email;

-- case: flyway-zdm's runner recognises detach concurrently
-- expect: none
-- pg: 14+
ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;

-- case: detach partition concurrently is missed by plain Flyway
-- expect: ZDM105
-- pg: 14+
-- config: assumeRunner=false
ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;

-- case: concurrent index after explicit begin
-- expect: ZDM104 ZDM105 ZDM141
BEGIN;
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: script configuration says transactional
-- expect: ZDM105
-- config: executeInTransaction.V1__case.sql=true
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: script configuration turns the transaction off
-- expect: none
-- pg: 14+
-- config: executeInTransaction.V1__case.sql=false
ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;

-- case: Flyway recognises create index concurrently
-- expect: none
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: Flyway recognises vacuum
-- expect: none
VACUUM (ANALYZE) users;
