-- Built without blocking writes. Plain Flyway would wait forever here (its advisory lock sits in an open
-- transaction this build waits for); flyway-zdm switches Flyway to a session-level lock, so it completes.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
