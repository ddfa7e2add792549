package dev.zdm.core.lint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of the lint corpus ({@code src/test/resources/lint/*.sql}; the format is described in the
 * README there): a migration (or several), the expected outcome, and the PostgreSQL versions it is checked on.
 */
record CorpusCase(String source, int line, String name, List<String> expect, List<Integer> versions,
                  Integer statements, List<String> kinds, Map<String, String> config, List<MigrationSource> files,
                  String fix) {

    static final int OLDEST = 10;
    static final int NEWEST = 19;

    static List<CorpusCase> read(String resource) throws IOException {
        String text;
        try (InputStream in = CorpusCase.class.getResourceAsStream("/lint/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<CorpusCase> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("-- case:")) {
                i++;
                continue;
            }
            int start = i + 1;
            String name = lines[i].substring("-- case:".length()).trim();
            List<String> expect = null;
            List<Integer> versions = range("12-" + NEWEST);
            Integer statements = null;
            List<String> kinds = null;
            Map<String, String> config = new LinkedHashMap<>();
            String fix = null;
            i++;
            while (i < lines.length && lines[i].matches("-- (expect|pg|statements|kinds|config|fix):.*")) {
                String header = lines[i].substring(3, lines[i].indexOf(':'));
                String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
                switch (header) {
                    case "expect" -> expect = value.equals("none") ? List.of() : List.of(value.split("\\s+"));
                    case "pg" -> versions = range(value);
                    case "statements" -> statements = Integer.parseInt(value);
                    case "kinds" -> kinds = List.of(value.split("\\s+"));
                    case "fix" -> fix = value;
                    default -> {
                        for (String kv : value.split("\\s+")) {
                            String[] p = kv.split("=", 2);
                            config.put(p[0], p[1]);
                        }
                    }
                }
                i++;
            }
            List<MigrationSource> files = new ArrayList<>();
            String file = "V1__case.sql";
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("-- case:")) {
                if (lines[i].startsWith("-- file: ")) {
                    if (!body.toString().isBlank() || !files.isEmpty()) {
                        files.add(source(file, body.toString(), config));
                    }
                    file = lines[i].substring("-- file: ".length()).trim();
                    body = new StringBuilder();
                } else {
                    body.append(lines[i]).append('\n');
                }
                i++;
            }
            files.add(source(file, body.toString(), config));
            if (expect == null && statements == null) {
                throw new IllegalStateException(resource + ":" + start + ": case '" + name + "' has no expect: or statements: line");
            }
            cases.add(new CorpusCase(resource, start, name, expect, versions, statements, kinds, config, files, fix));
        }
        return cases;
    }

    private static MigrationSource source(String file, String text, Map<String, String> config) {
        Boolean tx = config.containsKey("executeInTransaction." + file) ? Boolean.valueOf(config.get("executeInTransaction." + file)) : null;
        return new MigrationSource(file, file, text, tx);
    }

    /** {@code 12-19}, {@code 14+}, {@code 11}. */
    static List<Integer> range(String spec) {
        int from;
        int to;
        if (spec.endsWith("+")) {
            from = Integer.parseInt(spec.substring(0, spec.length() - 1));
            to = NEWEST;
        } else if (spec.contains("-")) {
            from = Integer.parseInt(spec.substring(0, spec.indexOf('-')));
            to = Integer.parseInt(spec.substring(spec.indexOf('-') + 1));
        } else {
            from = Integer.parseInt(spec);
            to = from;
        }
        List<Integer> out = new ArrayList<>();
        for (int v = Math.max(from, OLDEST); v <= to; v++) {
            out.add(v);
        }
        return out;
    }

    @Override
    public String toString() {
        return source + ":" + line + " " + name;
    }
}
