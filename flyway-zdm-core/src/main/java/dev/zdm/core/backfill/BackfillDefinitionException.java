package dev.zdm.core.backfill;

import dev.zdm.core.ZdmErrorCode;

/**
 * The backfill's definition is wrong (a SET that assigns the key it walks by, a SET that cannot make its WHERE false,
 * a missing SET): running it again unchanged fails the same way, so the message says what to change instead of
 * "run it again". Thrown before the first batch; nothing of the backfill was changed by it.
 */
public class BackfillDefinitionException extends BackfillException {
    public BackfillDefinitionException(String message) {
        super(message);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.BACKFILL_DEFINITION_INVALID;
    }
}
