package dev.zdm.flyway.internal.verify;

import java.util.Locale;

/** A count with its noun for the report's evidence: {@code 1 invalid index}, {@code 3 invalid indexes}, {@code 1,200 rows}. */
final class Counted {
    private Counted() {
    }

    static String of(long count, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d", count) + " " + (count == 1 ? singular : plural);
    }
}
