#!/usr/bin/env bash
# Runs the test suite (every @PostgresTest class: lock levels, lint against a live catalog, the runner,
# ddl, backfill, resume) once per PostgreSQL major on embedded PostgreSQL, then prints a table
# major x passed/failed/skipped parsed from the surefire XML reports.
#
#   scripts/pg-sweep.sh                 # majors 12 to 18
#   scripts/pg-sweep.sh 12 16           # only these majors
#   MVN_ARGS=-o scripts/pg-sweep.sh     # extra Maven arguments (here: offline)
#   scripts/pg-sweep.sh --report        # only print the table of the last run's reports
#
# Each major builds into its own folder (<module>/target/pg-sweep/pgNN, via -Dzdm.build.directory), so
# the majors' reports do not overwrite each other, nor those of an ordinary build run meanwhile.
# Logs: target/pg-sweep/pgNN.log; the table is also written to target/pg-sweep/table.md.
# Not part of `mvn verify`: it takes 5 to 10 minutes per major on a small machine.
# Exit status: 0 when every major ran with no failed test, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

report_only=false
if [ "${1:-}" = "--report" ]; then
    report_only=true
    shift
fi
majors=("$@")
if [ ${#majors[@]} -eq 0 ]; then
    majors=(12 13 14 15 16 17 18)
fi
for major in "${majors[@]}"; do
    case "$major" in
        1[2-8]) ;;
        *) echo "pg-sweep: no embedded binaries profile for PostgreSQL '$major' (supported: 12 to 18)" >&2; exit 2 ;;
    esac
done

# The harness prefers a server named by ZDM_TEST_JDBC_URL; the sweep must use the embedded binaries.
unset ZDM_TEST_JDBC_URL ZDM_TEST_JDBC_USER ZDM_TEST_JDBC_PASSWORD

out="$root/target/pg-sweep"
mkdir -p "$out"
modules=$(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml)

# Prints "tests failures errors skipped" summed over the surefire XML reports of one major.
count_reports() {
    local dir_name=$1
    local files=()
    for module in $modules; do
        for f in "$module/$dir_name"/surefire-reports/TEST-*.xml; do
            [ -e "$f" ] && files+=("$f")
        done
    done
    [ ${#files[@]} -eq 0 ] && { echo "0 0 0 0"; return; }
    # The first <testsuite ...> element of each report carries the counts as attributes.
    awk '
        /<testsuite[ >]/ && !seen[FILENAME]++ {
            for (i = 1; i <= 4; i++) {
                key = (i == 1 ? "tests" : i == 2 ? "failures" : i == 3 ? "errors" : "skipped")
                if (match($0, " " key "=\"[0-9]+\"")) {
                    v = substr($0, RSTART + length(key) + 3, RLENGTH - length(key) - 4)
                    sum[key] += v
                }
            }
        }
        END { printf "%d %d %d %d\n", sum["tests"], sum["failures"], sum["errors"], sum["skipped"] }
    ' "${files[@]}"
}

# Prints "Class.method: reason" for each failed (F) or skipped (S) test of one major.
list_cases() {
    local dir_name=$1 kind=$2
    for module in $modules; do
        for f in "$module/$dir_name"/surefire-reports/TEST-*.xml; do
            [ -e "$f" ] || continue
            awk -v kind="$kind" '
                /<testcase / {
                    name = ""; cls = ""
                    if (match($0, / name="[^"]*"/)) name = substr($0, RSTART + 7, RLENGTH - 8)
                    if (match($0, / classname="[^"]*"/)) cls = substr($0, RSTART + 12, RLENGTH - 13)
                    n = split(cls, parts, "."); cls = parts[n]
                }
                (kind == "F" && /<(failure|error)[ >\/]/) || (kind == "S" && /<skipped[ >\/]/) {
                    msg = ""
                    if (match($0, / message="[^"]*"/)) msg = substr($0, RSTART + 10, RLENGTH - 11)
                    else if (match($0, /Assumption failed: .*/)) msg = substr($0, RSTART + 19, RLENGTH - 19)
                    else if (match($0, /CDATA\[.*/)) msg = substr($0, RSTART + 6, RLENGTH - 6)
                    gsub(/&#10;/, " ", msg); gsub(/&quot;/, "\"", msg); gsub(/&lt;/, "<", msg); gsub(/&gt;/, ">", msg); gsub(/&amp;/, "\\&", msg)
                    printf "    %s.%s: %s\n", cls, name, substr(msg, 1, 160)
                }
            ' "$f"
        done
    done
}

# Reads one major's reports and log into result[major] (uses major, dir_name, log, status, seconds).
report_major() {
    read -r tests failures errors skipped < <(count_reports "$dir_name")
    server=$(grep -o -m1 'using embedded [^)]*(PostgreSQL [0-9]*)' "$log" 2>/dev/null | grep -o '[0-9]*)$' | tr -d ')')
    if [ -n "$server" ]; then
        server="$((server / 10000)).$((server % 100))"
    else
        server="?"
    fi
    result[$major]="$tests $failures $errors $skipped $status $seconds $server"
}

declare -A result
for major in "${majors[@]}"; do
    dir_name="target/pg-sweep/pg$major"
    log="$out/pg$major.log"
    if $report_only; then
        read -r status seconds 2>/dev/null <"$out/pg$major.status" || { status=0; seconds=0; }
        report_major
        continue
    fi
    for module in $modules; do rm -rf "$module/$dir_name/surefire-reports"; done
    echo "pg-sweep: PostgreSQL $major (log: ${log#$root/})"
    start=$(date +%s)
    # maven.test.failure.ignore: a failing test must not keep the later modules from running.
    mvn -B ${MVN_ARGS:-} test -Dzdm.test.pgVersion="$major" -Dzdm.test.server=embedded \
        -Dzdm.build.directory="$dir_name" -Dmaven.test.failure.ignore=true -Dsurefire.printSummary=true \
        >"$log" 2>&1
    status=$?
    seconds=$(( $(date +%s) - start ))
    echo "$status $seconds" >"$out/pg$major.status"
    report_major
    echo "pg-sweep: PostgreSQL $major done in ${seconds}s (maven exit $status): $tests tests, $((failures + errors)) failed, $skipped skipped"
done


failed_any=0
table="$out/table.md"
{
    echo "| PostgreSQL | server | passed | failed | skipped | build | time |"
    echo "|---|---|---:|---:|---:|---|---:|"
} >"$table"
for major in "${majors[@]}"; do
    read -r tests failures errors skipped status seconds server <<<"${result[$major]}"
    failed=$((failures + errors))
    passed=$((tests - failed - skipped))
    build="ok"
    if [ "$status" -ne 0 ]; then build="maven exit $status"; failed_any=1; fi
    if [ "$failed" -ne 0 ] || [ "$tests" -eq 0 ]; then failed_any=1; fi
    printf "| %s | %s | %d | %d | %d | %s | %dm%02ds |\n" "$major" "$server" "$passed" "$failed" "$skipped" "$build" \
        $((seconds / 60)) $((seconds % 60)) >>"$table"
done
cat "$table"

for major in "${majors[@]}"; do
    failures=$(list_cases "target/pg-sweep/pg$major" F)
    skips=$(list_cases "target/pg-sweep/pg$major" S)
    [ -n "$failures" ] && printf '\nPostgreSQL %s, failed:\n%s\n' "$major" "$failures"
    [ -n "$skips" ] && printf '\nPostgreSQL %s, skipped:\n%s\n' "$major" "$skips"
done | tee -a "$table"

exit $failed_any
