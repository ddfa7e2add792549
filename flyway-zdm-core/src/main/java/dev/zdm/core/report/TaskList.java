package dev.zdm.core.report;

/**
 * The lines {@code zdm:verify}, {@code zdm:checklist} and {@code zdm:watch} reports share: a task box for an
 * {@link Outcome}, a located line ({@code `public.orders`: detail Fix: fix}) in Markdown and in text, and the Markdown
 * escapes that keep database text (names, queries, errors) from breaking a list.
 */
public final class TaskList {
    private TaskList() {
    }

    /** {@code [x]}, {@code [ ]} or {@code [?]}. */
    public static String box(Outcome outcome) {
        return "[" + outcome.box() + "]";
    }

    /** {@code - [x] **head** rest}, one Markdown task; {@code head} and {@code rest} are escaped. */
    public static String markdownTask(Outcome outcome, String head, String rest) {
        return "- " + box(outcome) + " **" + escape(head) + "** " + escape(rest) + "\n";
    }

    /**
     * One located line under a task, nested: {@code   - [x] `where`: detail Fix: fix}. The box is left out when
     * {@code outcome} is null (information, or every line a failure); the fix when it is null.
     */
    public static String markdownLine(Outcome outcome, Location where, String detail, String fix) {
        StringBuilder out = new StringBuilder("  - ");
        if (outcome != null) {
            out.append(box(outcome)).append(' ');
        }
        out.append(code(where.display())).append(": ").append(escape(detail));
        if (fix != null) {
            out.append(" Fix: ").append(escape(fix));
        }
        return out.append('\n').toString();
    }

    /**
     * One located line under a text item: {@code indent[x] where: detail}, and {@code fix: ...} below it (indented
     * {@code fixIndent}) when {@code fix} is not null. No box when {@code outcome} is null and {@code boxed} is false;
     * three blanks in its place when it is null and {@code boxed} is true (lines of a boxed list stay aligned).
     */
    public static String textLine(String indent, boolean boxed, Outcome outcome, Location where, String detail, String fix,
                                  String fixIndent) {
        StringBuilder out = new StringBuilder(indent);
        if (outcome != null) {
            out.append(box(outcome)).append(' ');
        } else if (boxed) {
            out.append("    ");
        }
        out.append(where.display()).append(": ").append(detail).append('\n');
        if (fix != null) {
            out.append(fixIndent).append("fix: ").append(fix).append('\n');
        }
        return out.toString();
    }

    /** A Markdown code span that survives backticks in the text. */
    public static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        return fence + (fence.length() > 1 ? " " + text + " " : text) + fence;
    }

    /** Keeps a line break or a pipe from the database out of a list's or a table's structure. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }
}
