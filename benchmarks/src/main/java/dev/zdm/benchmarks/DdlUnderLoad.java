package dev.zdm.benchmarks;

import dev.zdm.core.ddl.DdlOptions;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/** One schema change under write load, either as the plain statement or through flyway-zdm's {@link SafeDdl}. */
final class DdlUnderLoad {
    /** Writers run this long alone before the change and after it. */
    static final Duration SETTLE = Duration.ofMillis(1000);

    private DdlUnderLoad() {
    }

    @FunctionalInterface
    interface SafeChange {
        void apply(SafeDdl ddl) throws Exception;
    }

    /** The plain statement on a connection of its own, as a migration tool would run it. */
    static UnderLoad.Measured<Void> plain(TestDatabase db, UnderLoad.Load load, String sql) throws Exception {
        try (Connection migration = db.connect("zdm-benchmark-migration")) {
            return UnderLoad.measure(db, load, SETTLE, () -> {
                try (Statement s = migration.createStatement()) {
                    s.execute(sql);
                }
                return null;
            });
        }
    }

    /** The same change through {@link SafeDdl} with its default options. */
    static UnderLoad.Measured<Void> safe(TestDatabase db, UnderLoad.Load load, SafeChange change) throws Exception {
        try (Connection migration = db.connect("zdm-benchmark-migration")) {
            SafeDdl ddl = SafeDdl.on(migration, (ConnectionSource) db::connect, DdlOptions.defaults());
            return UnderLoad.measure(db, load, SETTLE, () -> {
                change.apply(ddl);
                return null;
            });
        }
    }

    /** The writers alone for a few seconds: what latency the machine gives without any change. */
    static UnderLoad.Measured<Void> baseline(TestDatabase db, UnderLoad.Load load) throws Exception {
        return UnderLoad.measure(db, load, SETTLE, () -> {
            Thread.sleep(2000);
            return null;
        });
    }
}
