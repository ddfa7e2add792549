package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.List;

/** Reads column definitions, table constraints and type names (shared by CREATE TABLE and ALTER TABLE). */
final class DefinitionParser {
    private static final String[] COLUMN_CONSTRAINT_WORDS = {"not", "null", "constraint", "check", "unique", "primary",
            "references", "generated", "collate", "deferrable", "initially", "default", "storage", "compression"};

    private DefinitionParser() {
    }

    /** {@code name type [constraints]}; the cursor stops at the top-level comma, close parenthesis or end. */
    static ColumnDefinition column(Cursor c) {
        String name = c.identifier();
        TypeName type = typeName(c);
        String defaultSql = null;
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean identity = false;
        boolean generatedStored = false;
        boolean check = false;
        String checkExpression = null;
        RelationName references = null;
        while (!c.atEnd() && !c.peekSymbol(',') && !c.peekSymbol(')')) {
            if (c.accept("constraint")) {
                c.identifier();
            } else if (c.accept("not", "null")) {
                notNull = true;
            } else if (c.accept("null")) {
                notNull = false;
            } else if (c.accept("default")) {
                if (c.peek("null")) {
                    c.skip();
                    defaultSql = "NULL";
                } else {
                    defaultSql = c.expression(COLUMN_CONSTRAINT_WORDS);
                }
            } else if (c.accept("check")) {
                check = true;
                int exprStart = c.position();
                c.skipParenthesized();
                String text = c.textBetween(exprStart, c.position());
                checkExpression = text == null || text.length() < 2 ? null : text.substring(1, text.length() - 1);
                c.accept("no", "inherit");
            } else if (c.accept("unique")) {
                unique = true;
                skipIndexParameters(c);
            } else if (c.accept("primary", "key")) {
                primaryKey = true;
                notNull = true;
                skipIndexParameters(c);
            } else if (c.accept("references")) {
                references = c.qualifiedName();
                c.skipParenthesized();
                skipReferentialActions(c);
            } else if (c.accept("generated")) {
                c.acceptAny("always", "by");
                c.accept("default");
                c.accept("as");
                if (c.accept("identity")) {
                    identity = true;
                    notNull = true;
                    c.skipParenthesized();
                } else {
                    c.skipParenthesized();
                    generatedStored = c.accept("stored");
                    c.accept("virtual");
                }
            } else if (c.accept("collate")) {
                c.qualifiedName();
            } else {
                c.skip();
            }
        }
        return new ColumnDefinition(name, type, defaultSql, notNull, primaryKey, unique, identity, generatedStored, references, check,
                checkExpression);
    }

    /**
     * A table constraint after its optional {@code CONSTRAINT name}; returns null when the cursor is not
     * at one. Stops at the top-level comma, close parenthesis or end.
     */
    static ConstraintDefinition constraint(Cursor c, String name) {
        int start = c.position();
        ConstraintDefinition.Type type;
        List<String> columns = new ArrayList<>();
        RelationName references = null;
        String usingIndex = null;
        String expression = null;
        if (c.accept("check")) {
            type = ConstraintDefinition.Type.CHECK;
            int exprStart = c.position();
            c.skipParenthesized();
            String text = c.textBetween(exprStart, c.position());
            expression = text == null ? null : text.substring(1, Math.max(1, text.length() - 1));
        } else if (c.accept("unique")) {
            type = ConstraintDefinition.Type.UNIQUE;
            c.accept("nulls", "not", "distinct");
            c.accept("nulls", "distinct");
            if (c.accept("using", "index")) {
                usingIndex = c.identifier();
            } else {
                columns = columnList(c);
            }
        } else if (c.accept("primary", "key")) {
            type = ConstraintDefinition.Type.PRIMARY_KEY;
            if (c.accept("using", "index")) {
                usingIndex = c.identifier();
            } else {
                columns = columnList(c);
            }
        } else if (c.accept("foreign", "key")) {
            type = ConstraintDefinition.Type.FOREIGN_KEY;
            columns = columnList(c);
            if (c.accept("references")) {
                references = c.qualifiedName();
                c.skipParenthesized();
            }
        } else if (c.accept("exclude")) {
            type = ConstraintDefinition.Type.EXCLUDE;
        } else if (c.accept("not", "null")) {
            type = ConstraintDefinition.Type.NOT_NULL;
            String column = c.identifier();
            if (column != null) {
                columns.add(column);
            }
        } else {
            c.reset(start);
            return null;
        }
        boolean notValid = false;
        while (!c.atEnd() && !c.peekSymbol(',') && !c.peekSymbol(')')) {
            if (c.accept("not", "valid")) {
                notValid = true;
            } else if (c.peekSymbol('(')) {
                c.skipParenthesized();
            } else {
                c.skip();
            }
        }
        return new ConstraintDefinition(name, type, columns, references, usingIndex, notValid, expression);
    }

    /** {@code (a, b, "C")}: the column names; expressions are kept as written. */
    static List<String> columnList(Cursor c) {
        List<String> out = new ArrayList<>();
        if (!c.acceptSymbol('(')) {
            return out;
        }
        while (!c.atEnd() && !c.peekSymbol(')')) {
            int start = c.position();
            String name = c.identifier();
            if (name == null || !(c.peekSymbol(',') || c.peekSymbol(')') || c.peekType(TokenType.WORD))) {
                c.reset(start);
                String expr = c.expression();
                if (expr != null) {
                    out.add(expr);
                }
            } else {
                out.add(name);
                // opclass, ASC/DESC, NULLS FIRST/LAST, COLLATE
                c.expression();
            }
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
        c.acceptSymbol(')');
        return out;
    }

    static TypeName typeName(Cursor c) {
        int start = c.position();
        RelationName qualified = c.qualifiedName();
        if (qualified == null) {
            return null;
        }
        String name = qualified.schema() == null ? qualified.name() : qualified.schema() + "." + qualified.name();
        switch (name) {
            case "double" -> {
                if (c.accept("precision")) {
                    name = "double precision";
                }
            }
            case "character", "char", "national", "nchar" -> {
                if (name.equals("national")) {
                    c.acceptAny("character", "char");
                    name = "character";
                }
                if (c.accept("varying")) {
                    name = "varchar";
                }
            }
            case "bit" -> {
                if (c.accept("varying")) {
                    name = "varbit";
                }
            }
            default -> {
            }
        }
        List<String> modifiers = new ArrayList<>();
        if (c.acceptSymbol('(')) {
            while (!c.atEnd() && !c.peekSymbol(')')) {
                String m = c.expression();
                if (m != null) {
                    modifiers.add(stripWhitespace(m));
                }
                if (!c.acceptSymbol(',')) {
                    break;
                }
            }
            c.acceptSymbol(')');
        }
        if (name.equals("timestamp") || name.equals("time")) {
            if (c.accept("with", "time", "zone")) {
                name = name + "tz";
            } else {
                c.accept("without", "time", "zone");
            }
        }
        if (name.equals("interval")) {
            while (c.acceptAny("year", "month", "day", "hour", "minute", "second", "to") != null) {
                c.skipParenthesized();
            }
        }
        boolean array = false;
        while (c.peekSymbol('[')) {
            array = true;
            while (!c.atEnd() && !c.acceptSymbol(']')) {
                c.skip();
            }
        }
        if (c.accept("array")) {
            array = true;
            if (c.acceptSymbol('[')) {
                while (!c.atEnd() && !c.acceptSymbol(']')) {
                    c.skip();
                }
            }
        }
        if (c.position() == start) {
            return null;
        }
        return TypeName.of(name, modifiers, array);
    }

    private static String stripWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private static void skipIndexParameters(Cursor c) {
        c.accept("nulls", "not", "distinct");
        c.accept("nulls", "distinct");
        if (c.accept("include")) {
            c.skipParenthesized();
        }
        if (c.accept("with")) {
            c.skipParenthesized();
        }
        if (c.accept("using", "index", "tablespace")) {
            c.identifier();
        }
    }

    private static void skipReferentialActions(Cursor c) {
        while (true) {
            if (c.accept("match")) {
                c.skip();
            } else if (c.accept("on")) {
                c.acceptAny("delete", "update");
                if (c.accept("set")) {
                    c.acceptAny("null", "default");
                    c.skipParenthesized();
                } else if (!c.accept("no", "action")) {
                    c.acceptAny("cascade", "restrict");
                }
            } else {
                return;
            }
        }
    }
}
