-- zdm:rollback none closed orders stay closed

-- zdm:batched key=id size=5000
UPDATE orders SET status = 'closed' WHERE status = 'new';
