package dev.zdm.flyway.internal;

/**
 * The settings table of docs/configuration.md, generated from the {@link Setting} declarations (key, environment
 * variable, values, default, meaning of 0, doc) so that the docs and the checks cannot disagree.
 */
public final class SettingsDoc {
    /** The generated table sits between these lines of docs/configuration.md; the prose around it is written by hand. */
    public static final String BEGIN = "<!-- settings table: generated from the @Setting declarations by SettingsDoc; do not edit -->";
    public static final String END = "<!-- end of the generated settings table -->";

    private SettingsDoc() {
    }

    /** The table of the keys {@code declaration} declares, with its begin and end marker lines. */
    public static String render(Class<? extends SettingsDeclaration> declaration) {
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append('\n');
        out.append("| key | environment variable | values | default | 0 means | what it does |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (SettingKey key : SettingKeys.of(declaration).all()) {
            Setting s = key.setting();
            out.append("| `").append(key.fullName()).append("` | `").append(key.environmentVariable()).append("` | ")
                    .append(values(s)).append(" | ")
                    .append(s.defaultValue().isEmpty() ? "(none)" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(zero(s)).append(" | ")
                    .append(s.doc().replace("|", "\\|")).append(" |\n");
        }
        out.append(END).append('\n');
        return out.toString();
    }

    private static String values(Setting s) {
        return switch (s.kind()) {
            case BOOLEAN -> "`true`/`false`";
            case CHOICE -> "`" + String.join("`/`", s.choices()) + "`";
            case TEXT -> s.values().isEmpty() ? "text" : s.values();
            case COUNT -> "number, " + (s.zeroAllowed() ? "0" : "1") + (s.max().isEmpty() ? " or more" : " to " + s.max());
            case DURATION -> "duration, " + (s.zeroAllowed() ? "0" : "1ms") + (s.max().isEmpty() ? " or more" : " to `" + s.max() + "`");
        };
    }

    private static String zero(Setting s) {
        return switch (s.kind()) {
            case COUNT, DURATION -> s.zeroAllowed() ? s.zero() : "refused: " + s.zero().replaceFirst("^refused: ", "");
            default -> "";
        };
    }
}
