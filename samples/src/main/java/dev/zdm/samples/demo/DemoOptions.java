package dev.zdm.samples.demo;

import java.util.List;

/**
 * The demo's command line: {@code --users=N} (default 1,000,000), {@code --orders-per-user=N} (2), {@code --zdm} (the
 * default: only the flyway-zdm run), {@code --naive} (only the naive run), {@code --both} (flyway-zdm, then naive, and
 * the table side by side), {@code --reader-seconds=N} (5: how long the report keeps orders once the last step's ALTER
 * waits for it), {@code --readers=N} and {@code --writers=N} (2 each, per application version), {@code --pace-ms=N}
 * (10: each thread's time between operations).
 */
record DemoOptions(long users, int ordersPerUser, List<Mode> modes, int readerSeconds, int readers, int writers, long paceMillis) {

    static final String USAGE = "options: --users=N (1000000) --orders-per-user=N (2) --zdm (default) | --both | --naive "
            + "--reader-seconds=N (5) --readers=N (2) --writers=N (2) --pace-ms=N (10)";

    static DemoOptions parse(String... args) {
        long users = 1_000_000;
        int ordersPerUser = 2;
        List<Mode> modes = List.of(Mode.ZDM);
        int readerSeconds = 5;
        int readers = 2;
        int writers = 2;
        long pace = 10;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                case "--users" -> users = positive(arg, value);
                case "--orders-per-user" -> ordersPerUser = (int) positive(arg, value);
                case "--both" -> modes = List.of(Mode.ZDM, Mode.NAIVE);
                case "--zdm" -> modes = List.of(Mode.ZDM);
                case "--naive" -> modes = List.of(Mode.NAIVE);
                case "--reader-seconds" -> readerSeconds = (int) positive(arg, value);
                case "--readers" -> readers = (int) positive(arg, value);
                case "--writers" -> writers = (int) positive(arg, value);
                case "--pace-ms" -> pace = positive(arg, value);
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
            }
        }
        return new DemoOptions(users, ordersPerUser, modes, readerSeconds, readers, writers, pace);
    }

    private static long positive(String arg, String value) {
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(arg + ": expected a positive number; " + USAGE);
    }
}
