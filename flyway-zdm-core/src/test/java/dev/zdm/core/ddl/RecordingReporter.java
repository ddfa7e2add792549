package dev.zdm.core.ddl;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps what the operations report (and logs it too), so tests can read the progress and waiting lines. */
final class RecordingReporter implements DdlReporter {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.core.ddl.test");
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        infos.add(message);
        LOG.info(message);
    }

    @Override
    public synchronized void warn(String message) {
        warnings.add(message);
        LOG.warn(message);
    }

    synchronized List<String> infos() {
        return List.copyOf(infos);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    synchronized List<String> all() {
        List<String> out = new ArrayList<>(infos);
        out.addAll(warnings);
        return out;
    }
}
