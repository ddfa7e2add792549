package dev.zdm.core.ddl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the operations say what they do, wait for and have done. SLF4J in production; tests record it. */
interface DdlReporter {

    void info(String message);

    void warn(String message);

    DdlReporter SLF4J = new DdlReporter() {
        private final Logger log = LoggerFactory.getLogger("dev.zdm.core.ddl");

        @Override
        public void info(String message) {
            log.info(message);
        }

        @Override
        public void warn(String message) {
            log.warn(message);
        }
    };
}
