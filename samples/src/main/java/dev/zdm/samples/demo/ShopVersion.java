package dev.zdm.samples.demo;

import java.util.List;

/**
 * The statements of one application version: what its writers and readers run. shop-v1 knows {@code name} and
 * {@code nickname}; shop-v2 writes {@code full_name}, reads {@code email_verified} and no longer reads {@code nickname}.
 * Each statement names what its parameters are ({@link Param}); {@link Workload} picks the values.
 */
enum ShopVersion {
    V1("shop-v1",
            List.of(op("INSERT INTO orders (user_id, status, total_cents) VALUES (?, 'new', ?)", Param.USER, Param.NUMBER),
                    op("UPDATE users SET name = 'User ' || ?::text WHERE id = ?", Param.NUMBER, Param.USER),
                    op("INSERT INTO users (email, name, nickname) VALUES ('v1-' || ?::text || '@example.com', 'New user', 'nick' || ?::text)", Param.UNIQUE, Param.UNIQUE),
                    op("UPDATE orders SET status = 'paid', total_cents = total_cents + ? WHERE id = ?", Param.NUMBER, Param.ORDER)),
            List.of(op("SELECT email, name, nickname FROM users WHERE id = ?", Param.USER),
                    op("SELECT count(*), coalesce(sum(total_cents), 0) FROM orders WHERE user_id = ?", Param.USER))),
    V2("shop-v2",
            List.of(op("INSERT INTO orders (user_id, status, total_cents) VALUES (?, 'new', ?)", Param.USER, Param.NUMBER),
                    op("UPDATE users SET full_name = 'User ' || ?::text WHERE id = ?", Param.NUMBER, Param.USER),
                    op("INSERT INTO users (email, full_name) VALUES ('v2-' || ?::text || '@example.com', 'New user ' || ?::text)", Param.UNIQUE, Param.UNIQUE),
                    op("UPDATE orders SET status = 'paid', total_cents = total_cents + ? WHERE id = ?", Param.NUMBER, Param.ORDER)),
            List.of(op("SELECT email, full_name, email_verified FROM users WHERE id = ?", Param.USER),
                    op("SELECT count(*), coalesce(sum(total_cents), 0) FROM orders WHERE user_id = ?", Param.USER)));

    private final String applicationName;
    private final List<Op> writes;
    private final List<Op> reads;

    ShopVersion(String applicationName, List<Op> writes, List<Op> reads) {
        this.applicationName = applicationName;
        this.writes = writes;
        this.reads = reads;
    }

    /** The sessions' {@code application_name}: what flyway-zdm's drain evidence looks for. */
    String applicationName() {
        return applicationName;
    }

    /** What a parameter is bound to. */
    enum Param {
        /** the id of a user of the loaded dataset */
        USER,
        /** the id of an order of the loaded dataset */
        ORDER,
        /** a small number */
        NUMBER,
        /** a number no other operation uses (new users' e-mail addresses are unique) */
        UNIQUE
    }

    /** One statement and its parameters. */
    record Op(String sql, List<Param> params) {
    }

    private static Op op(String sql, Param... params) {
        return new Op(sql, List.of(params));
    }

    List<Op> writes() {
        return writes;
    }

    List<Op> reads() {
        return reads;
    }
}
