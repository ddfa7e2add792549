package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of linting a set of migrations.
 *
 * @param findings   what is left to act on, in file and line order (suppressed and baselined ones removed)
 * @param statements statements read in the linted files
 * @param files      files linted (those older than {@code since} not counted)
 * @param suppressed findings silenced by {@code -- zdm:ignore}
 * @param baselined  findings accepted in the baseline file
 * @param paths      file name to path, for reports that link to files
 * @param createdBy  relation to the linted file that creates it, for the migrate-time gate
 */
public record LintResult(List<Finding> findings, int statements, int files, int suppressed, int baselined,
                         Map<String, String> paths, Map<RelationName, String> createdBy) {

    public LintResult {
        findings = List.copyOf(findings);
        paths = Map.copyOf(paths);
        createdBy = Map.copyOf(createdBy);
    }

    /** The worst severity among the findings, if any. */
    public Optional<Severity> worst() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }

    /**
     * True when a finding reaches {@code failOn}: {@code error}, {@code warning} or {@code info};
     * {@code none} never fails.
     */
    public boolean fails(String failOn) {
        if (failOn == null || failOn.equalsIgnoreCase("none")) {
            return false;
        }
        Severity threshold = Severity.parse(failOn);
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * The file of this run that created the finding's relation before the finding's statement (and did not drop it
     * since), if any: never a later migration, and not one whose object the statement's migration dropped again.
     */
    public Optional<String> fileCreatingBefore(Finding finding) {
        return Optional.ofNullable(finding.createdBy());
    }

    /**
     * The file that creates {@code relation} anywhere in this run, if any.
     *
     * @deprecated it may name a later migration than the finding's: use {@link #fileCreatingBefore(Finding)}
     */
    @Deprecated
    public Optional<String> fileCreating(RelationName relation) {
        return createdBy.entrySet().stream().filter(e -> e.getKey().sameAs(relation)).map(Map.Entry::getValue).findFirst();
    }

    public LintResult withFindings(List<Finding> replaced) {
        return new LintResult(replaced, statements, files, suppressed, baselined, paths, createdBy);
    }
}
