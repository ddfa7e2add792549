package dev.zdm.flyway.internal.verify;

import tools.jackson.databind.json.JsonMapper;

/** {@link VerifyReport} as JSON: the records' fields by name, nulls included so that every key is always there. */
final class JsonVerify {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonVerify() {
    }

    static String render(VerifyReport report) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    }
}
