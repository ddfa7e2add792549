-- case: detach without concurrently on 14+
-- expect: ZDM136
-- pg: 14+
ALTER TABLE measurements DETACH PARTITION measurements_2020;

-- case: detach before 14 has no concurrent form
-- expect: none
-- pg: 12-13
ALTER TABLE measurements DETACH PARTITION measurements_2020;

-- case: detach concurrently alone and non-transactional
-- expect: none
-- pg: 14+
-- config: executeInTransaction.V1__case.sql=false
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;

-- case: finalize
-- expect: none
-- pg: 14+
ALTER TABLE measurements DETACH PARTITION measurements_2020 FINALIZE;
