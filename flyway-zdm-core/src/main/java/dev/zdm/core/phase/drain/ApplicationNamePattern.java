package dev.zdm.core.phase.drain;

/** A {@code *} glob as a LIKE pattern with the default escape character: {@code orders_v4*} -> {@code orders\_v4%}. */
final class ApplicationNamePattern {
    private ApplicationNamePattern() {
    }

    static String like(String glob) {
        StringBuilder out = new StringBuilder(glob.length() + 4);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> out.append('%');
                case '%', '_', '\\' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
