package dev.zdm.core.ddl;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import java.sql.SQLException;

/**
 * A safe DDL operation could not finish. The message says which statement, what PostgreSQL answered, what
 * state the database was left in, and what to do next. The SQLSTATE is PostgreSQL's when there is one.
 */
public class DdlException extends SQLException implements ZdmError {
    private static final long serialVersionUID = 1L;

    DdlException(String message, SQLException cause) {
        super(message, cause == null ? null : cause.getSQLState(), cause);
    }

    DdlException(String message) {
        super(message);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.DDL_FAILED;
    }
}
