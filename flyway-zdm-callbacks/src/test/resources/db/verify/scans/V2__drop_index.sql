DROP INDEX CONCURRENTLY items_a_code_idx;
