-- case: reindex index
-- expect: ZDM103
REINDEX INDEX users_email;

-- case: reindex table
-- expect: ZDM103
REINDEX TABLE users;

-- case: reindex with options
-- expect: ZDM103
REINDEX (VERBOSE) TABLE app.users;

-- case: reindex schema
-- expect: ZDM103
REINDEX SCHEMA app;

-- case: reindex before 12 has no concurrent form
-- expect: ZDM103
-- pg: 10-11
REINDEX INDEX users_email;

-- case: reindex concurrently in its own non-transactional migration
-- expect: none
-- config: executeInTransaction.V1__case.sql=false
REINDEX INDEX CONCURRENTLY users_email;

-- case: reindex with the option-list concurrently form in its own migration
-- expect: none
-- pg: 14+
REINDEX (CONCURRENTLY) TABLE users;

-- case: reindex with other options is not concurrent
-- expect: ZDM103
-- pg: 14+
REINDEX (VERBOSE) TABLE users;
