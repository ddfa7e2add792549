package dev.zdm.core.lint;

import dev.zdm.core.lint.rules.RuleSet;
import java.util.List;
import java.util.Optional;

/** Every rule, in id order. The docs (docs/rules.md) are generated from this list. */
public final class Rules {
    private static final List<Rule> ALL = RuleSet.all();

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }
}
