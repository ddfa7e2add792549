package dev.zdm.maven;

import java.util.Map;
import java.util.regex.Pattern;

/** Keeps passwords out of what a goal prints: a JDBC URL's password parameter or user-info, and the configured password. */
final class Secrets {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)\\b(password|pwd|sslpassword)=[^&;\\s)'\"]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]+:[^/@\\s]*@");

    private Secrets() {
    }

    static String redact(String text, Map<String, String> configuration) {
        if (text == null) {
            return null;
        }
        String out = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=***");
        out = USER_INFO.matcher(out).replaceAll("//***@");
        String password = configuration == null ? null : configuration.get("flyway.password");
        if (password != null && password.length() >= 3) {
            out = out.replace(password, "***");
        }
        return out;
    }
}
