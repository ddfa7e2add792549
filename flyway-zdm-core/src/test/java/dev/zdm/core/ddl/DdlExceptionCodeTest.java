package dev.zdm.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A DdlException stays an SQLException with PostgreSQL's SQLSTATE, and is a ZdmError with its code. */
class DdlExceptionCodeTest {

    @Test
    void keepsPostgresqlsSqlStateAndHasItsCode() {
        DdlException e = new DdlException("build failed", new SQLException("duplicate key", "23505"));
        assertThat((Throwable) e).isInstanceOf(SQLException.class).isInstanceOf(ZdmError.class);
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.code()).isEqualTo(ZdmErrorCode.DDL_FAILED);
    }
}
