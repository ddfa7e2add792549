package dev.zdm.flyway.internal.checklist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rehearsals recorded in a JSON file of the project (default {@code zdm-rehearsals.json}), so the record travels with
 * the migrations into the pull request and {@code zdm:checklist} against the target finds what {@code zdm:rehearse} ran
 * against a restored copy. A missing file holds no rehearsal. Layout: {@code {"version": 1, "rehearsals": [{"ranAt":
 * "2026-11-30T10:15:00Z", "database": "restored", "checksums": {"V3__x.sql": 123}, "tableRows": {"public.orders":
 * 1000000}, "timingsMs": {"V3__x.sql": 2500}, "unpredictedLocks": [{"script": "V3__x.sql", "relation": "public.orders",
 * "mode": "ACCESS EXCLUSIVE", "predicted": "SHARE", "statement": "...", "heldMs": 1200}]}]}}, oldest first.
 */
public final class RehearsalFile implements RehearsalRecords {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int VERSION = 1;

    private final Path file;

    public RehearsalFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The latest rehearsal that ran any of the scripts of {@code checksums} (any rehearsal when that is empty). */
    @Override
    public Optional<Rehearsal> latest(Map<String, Integer> checksums) {
        List<Rehearsal> all = read();
        for (int i = all.size() - 1; i >= 0; i--) {
            Rehearsal r = all.get(i);
            if (checksums.isEmpty() || checksums.keySet().stream().anyMatch(r.checksums()::containsKey)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every rehearsal in the file, oldest first. */
    public List<Rehearsal> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || root.path("version").asInt(0) != VERSION || !root.path("rehearsals").isArray()) {
                throw invalid("expected {\"version\": 1, \"rehearsals\": [...]}");
            }
            List<Rehearsal> out = new ArrayList<>();
            for (JsonNode r : root.get("rehearsals")) {
                Map<String, Integer> checksums = new LinkedHashMap<>();
                r.path("checksums").properties().forEach(e -> checksums.put(e.getKey(), e.getValue().asInt()));
                Map<String, Long> rows = new LinkedHashMap<>();
                r.path("tableRows").properties().forEach(e -> rows.put(e.getKey(), e.getValue().asLong()));
                Map<String, Duration> timings = new LinkedHashMap<>();
                r.path("timingsMs").properties().forEach(e -> timings.put(e.getKey(), Duration.ofMillis(e.getValue().asLong())));
                List<UnpredictedLock> locks = new ArrayList<>();
                for (JsonNode l : r.path("unpredictedLocks")) {
                    locks.add(new UnpredictedLock(l.path("script").asString(), l.path("relation").asString(), l.path("mode").asString(),
                            l.path("predicted").isNull() || l.path("predicted").isMissingNode() ? null : l.path("predicted").asString(),
                            l.path("statement").asString(), Duration.ofMillis(l.path("heldMs").asLong())));
                }
                out.add(new Rehearsal(Instant.parse(r.path("ranAt").asString()), r.path("database").asString(), checksums, rows,
                        timings, locks));
            }
            return out;
        } catch (IOException | JacksonException | DateTimeParseException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Appends {@code rehearsal} to the file (created when missing). */
    public void append(Rehearsal rehearsal) {
        List<Rehearsal> all = new ArrayList<>(read());
        all.add(rehearsal);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        var list = root.putArray("rehearsals");
        for (Rehearsal r : all) {
            ObjectNode o = list.addObject();
            o.put("ranAt", r.ranAt().toString());
            o.put("database", r.database());
            ObjectNode checksums = o.putObject("checksums");
            r.checksums().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> checksums.put(e.getKey(), e.getValue()));
            ObjectNode rows = o.putObject("tableRows");
            r.tableRows().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rows.put(e.getKey(), e.getValue()));
            ObjectNode timings = o.putObject("timingsMs");
            r.timings().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> timings.put(e.getKey(), e.getValue().toMillis()));
            var locks = o.putArray("unpredictedLocks");
            for (UnpredictedLock u : r.unpredictedLocks()) {
                ObjectNode l = locks.addObject();
                l.put("script", u.script());
                l.put("relation", u.relation());
                l.put("mode", u.mode());
                l.put("predicted", u.predicted());
                l.put("statement", u.statement());
                l.put("heldMs", u.heldFor().toMillis());
            }
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlywayException("flyway-zdm could not write the rehearsal record " + file + " (" + e.getMessage()
                    + "); check that the directory is writable.", e);
        }
    }

    private FlywayException invalid(String why) {
        return new FlywayException("flyway-zdm could not read the rehearsal record " + file + ": " + why + ". It is written by "
                + "mvn zdm:rehearse; delete it (or restore it from version control) and rehearse again.");
    }
}
