package dev.zdm.flyway.internal;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.extensibility.ConfigurationExtension;

/**
 * Records every {@code flyway.zdm.*} key Flyway is given, known or not.
 *
 * <p>Why it exists: Flyway rejects an unknown key of a namespaced extension with a bare
 * "Unknown configuration property" and drops a mistyped value silently. An extension with the empty
 * namespace and a field named {@code zdm} receives every {@code flyway.zdm.<anything>} key as a
 * nested path (this is how Flyway 13.12's {@code ClassicConfiguration.configure(Map)} routes keys), so
 * flyway-zdm can report unknown keys itself, with the list of valid ones, at the first callback.
 */
public class ZdmKeyAudit implements ConfigurationExtension {

    /** The field name is the routing key: it must stay {@code zdm}. */
    private Keys zdm = new Keys();

    @Override
    @JsonIgnore
    public String getNamespace() {
        return "";
    }

    public Keys getZdm() {
        return zdm;
    }

    public void setZdm(Keys zdm) {
        this.zdm = zdm == null ? new Keys() : zdm;
    }

    /** Every key seen, flattened to its path below {@code flyway.zdm.}, with its raw value. */
    @JsonIgnore
    public Map<String, String> seenKeys() {
        Map<String, String> flat = new TreeMap<>();
        flatten("", zdm.values, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<String, Object> values, Map<String, String> out) {
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) nested;
                flatten(prefix + key + ".", typed, out);
            } else {
                out.put(prefix + key, value == null ? null : String.valueOf(value));
            }
        });
    }

    /** Open-ended holder: any property is accepted and kept (also through Flyway's JSON copy of plugins). */
    public static class Keys {
        private final Map<String, Object> values = new TreeMap<>();

        @JsonAnySetter
        public void put(String key, Object value) {
            values.put(key, value);
        }

        @JsonAnyGetter
        public Map<String, Object> values() {
            return values;
        }
    }
}
