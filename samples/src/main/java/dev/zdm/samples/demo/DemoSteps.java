package dev.zdm.samples.demo;

import java.util.List;

/**
 * The seed's changes, in order. Step {@code n} applies the migration set {@code db/demo/<mode>/step<n>}; the rename and
 * the drop wait for the old version to drain (with flyway-zdm, through {@code zdm:contract} and its drain evidence).
 */
final class DemoSteps {
    /** The version whose application a contract waits for: the rename's expand (V5). */
    static final String RENAME_EXPAND_VERSION = "5";

    private DemoSteps() {
    }

    static List<DemoStep> all() {
        return List.of(
                new DemoStep("add users.email_verified, backfill, NOT NULL",
                        run -> run.migrate(1), run -> run.migrate(1)),
                new DemoStep("rename name -> full_name: expand, deploy shop-v2",
                        run -> run.migrate(2) + "; " + run.deployV2(),
                        run -> run.migrate(2) + "; " + run.deployV2()),
                new DemoStep("rename: drain shop-v1, contract",
                        run -> run.drainV1() + "; " + run.contract(2, RENAME_EXPAND_VERSION),
                        run -> run.drainV1() + "; nothing to contract (the plain rename already ran)"),
                new DemoStep("drop users.nickname after drain",
                        run -> run.migrate(3) + "; " + run.contract(3, RENAME_EXPAND_VERSION),
                        run -> run.migrate(3)),
                new DemoStep("index orders(status)",
                        run -> run.migrate(4), run -> run.migrate(4)),
                new DemoStep("foreign key orders.user_id -> users",
                        run -> run.migrate(5), run -> run.migrate(5)),
                new DemoStep("ALTER orders behind a long reader",
                        run -> run.migrateBehindLongReader(6), run -> run.migrateBehindLongReader(6)));
    }
}
