package dev.zdm.flyway.internal;

import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.internal.callback.InternalCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway calls every {@link InternalCallback} found through ServiceLoader for every event, with no
 * {@code flyway.callbacks} setting (a public {@code Callback} listed as a plugin would never be called;
 * DESIGN.md section 4). This one checks the {@code flyway.zdm.*} settings as soon as a command connects,
 * before anything is applied, and announces the extension at the start of {@code migrate}.
 */
public class ZdmLifecycleCallback implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway");

    @Override
    public boolean supportsEventType(Class<? extends org.flywaydb.core.api.callback.CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_CONNECT || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        ZdmSettings settings = ZdmSettings.of(context.getConfiguration());
        if (event == Event.BEFORE_MIGRATE) {
            if (settings.enabled()) {
                LOG.info("flyway-zdm {} active: {}", Version.current(), settings.summary());
            } else {
                LOG.info("flyway-zdm {} disabled (flyway.zdm.enabled=false): migrations run as plain Flyway", Version.current());
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm";
    }
}
