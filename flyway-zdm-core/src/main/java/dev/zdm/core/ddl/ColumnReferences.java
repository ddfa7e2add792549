package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import dev.zdm.core.sql.TokenType;
import java.util.List;

/**
 * Rewrites a constraint definition (as pg_get_constraintdef writes it) to name the new column instead of the old one:
 * what {@link ColumnCopy} adds on the new column. Read with the project's SQL lexer, so names inside string literals,
 * qualified names ({@code x.name}), function names ({@code name(...)}) and type names after {@code ::} are left alone.
 */
final class ColumnReferences {
    private ColumnReferences() {
    }

    /** {@code CHECK ((length(name) > 0))} -> {@code CHECK ((length("full_name") > 0))}. */
    static String check(String definition, String oldColumn, String newColumn) {
        List<SqlToken> tokens = SqlFragment.lex(definition).tokens();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!t.isName() || !(t.type() == TokenType.QUOTED_IDENTIFIER || t.type() == TokenType.WORD) || !oldColumn.equals(t.identifier())) {
                continue;
            }
            boolean qualified = i > 0 && tokens.get(i - 1).isSymbol('.');
            boolean cast = i > 1 && tokens.get(i - 1).isSymbol(':') && tokens.get(i - 2).isSymbol(':');
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol('(') && tokens.get(i + 1).start() == t.end();
            if (qualified || cast || call) {
                continue;
            }
            out.append(definition, copied, t.start()).append(Identifiers.quote(newColumn));
            copied = t.end();
        }
        return out.append(definition.substring(copied)).toString();
    }

    /** {@code FOREIGN KEY (user_id) REFERENCES users(id) ...} with the constrained columns {@code columns}, the old one replaced. */
    static String foreignKey(String definition, List<String> columns, String oldColumn, String newColumn) throws DdlException {
        int close = definition.indexOf(") REFERENCES ");
        if (!definition.startsWith("FOREIGN KEY (") || close < 0) {
            throw new DdlException("cannot read the foreign key definition " + definition);
        }
        return "FOREIGN KEY (" + Identifiers.quoteAll(columns.stream().map(c -> c.equals(oldColumn) ? newColumn : c).toList())
                + definition.substring(close);
    }

    /**
     * A foreign key of another table (or of this one) pointing at the new column: {@code FOREIGN KEY (user_id) REFERENCES
     * users(id) ON DELETE CASCADE} -> {@code FOREIGN KEY ("user_id") REFERENCES "public"."users"("id_zdm_new") ON DELETE
     * CASCADE}. The referenced column list is found with the lexer (a quoted table name may hold parentheses); the rest
     * (MATCH, ON DELETE / UPDATE, DEFERRABLE) is kept as written.
     */
    static String referencing(String definition, List<String> columns, QualifiedName referencedTable, List<String> referenced, String oldColumn,
                              String newColumn) throws DdlException {
        List<SqlToken> tokens = SqlFragment.lex(definition).tokens();
        int open = -1;
        for (int i = 0; i < tokens.size() && open < 0; i++) {
            if (tokens.get(i).isWord("REFERENCES")) {
                for (int j = i + 1; j < tokens.size(); j++) {
                    if (tokens.get(j).isSymbol('(')) {
                        open = j;
                        break;
                    }
                }
            }
        }
        int close = -1;
        for (int j = open + 1, depth = 1; open >= 0 && j < tokens.size(); j++) {
            depth += tokens.get(j).isSymbol('(') ? 1 : tokens.get(j).isSymbol(')') ? -1 : 0;
            if (depth == 0) {
                close = j;
                break;
            }
        }
        if (!definition.startsWith("FOREIGN KEY (") || close < 0) {
            throw new DdlException("cannot read the foreign key definition " + definition);
        }
        return "FOREIGN KEY (" + Identifiers.quoteAll(columns) + ") REFERENCES " + referencedTable.quoted() + "("
                + Identifiers.quoteAll(referenced.stream().map(c -> c.equals(oldColumn) ? newColumn : c).toList()) + ")"
                + definition.substring(tokens.get(close).end());
    }
}
