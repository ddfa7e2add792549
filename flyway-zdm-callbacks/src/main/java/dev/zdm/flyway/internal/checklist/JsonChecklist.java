package dev.zdm.flyway.internal.checklist;

import tools.jackson.databind.json.JsonMapper;

/** {@link ChecklistReport} as JSON: the records' fields by name, nulls included so that every key is always there. */
final class JsonChecklist {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonChecklist() {
    }

    static String render(ChecklistReport report) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    }
}
