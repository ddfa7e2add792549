package dev.zdm.flyway.internal.status;

import tools.jackson.databind.json.JsonMapper;

/** {@link StatusReport} as JSON: the records' fields, by name, nulls included so that every key is always there. */
final class JsonStatus {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonStatus() {
    }

    static String render(StatusReport report) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    }
}
