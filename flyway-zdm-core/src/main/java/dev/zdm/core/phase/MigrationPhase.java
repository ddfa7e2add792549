package dev.zdm.core.phase;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The phase a migration belongs to in a deploy that keeps the old and the new application version working together.
 */
public enum MigrationPhase {
    /** Additive and backwards compatible: new tables, nullable columns, indexes, NOT VALID constraints. */
    EXPAND,
    /** Data: backfills of what the expand added, still compatible with the old code. */
    MIGRATE,
    /** Tightening and removing once no old instance runs: SET NOT NULL, DROP COLUMN, DROP TABLE, renames. */
    CONTRACT;

    /** How it is written in {@code -- zdm:phase=<value>}: {@code expand}, {@code migrate}, {@code contract}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The directive that declares it: {@code -- zdm:phase=contract}. */
    public String directive() {
        return "-- zdm:phase=" + value();
    }

    /** True for the phases in which the old application code still runs against the schema. */
    public boolean oldCodeRuns() {
        return this != CONTRACT;
    }

    /** The phase written {@code value} (any case, surrounding blanks ignored). */
    public static Optional<MigrationPhase> parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.value().equals(wanted)).findFirst();
    }

    /** {@code expand, migrate, contract}, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(MigrationPhase::value).toList();
    }
}
