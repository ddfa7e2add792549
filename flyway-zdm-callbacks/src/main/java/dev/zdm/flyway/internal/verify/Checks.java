package dev.zdm.flyway.internal.verify;

import java.util.List;

/** Every check of {@code zdm:verify}, in id order; docs/checks.md is generated from them ({@link ChecksDoc}). */
public final class Checks {
    private static final List<IntegrityCheck> ALL = List.of(new InvalidIndexCheck(), new NotValidConstraintCheck(),
            new ConstraintViolationCheck(), new UnfinishedBackfillCheck(), new VerifyQueryCheck(), new LockWaitCheck(),
            new SequentialScanCheck(), new QueryTimeCheck());

    private Checks() {
    }

    public static List<IntegrityCheck> all() {
        return ALL;
    }
}
