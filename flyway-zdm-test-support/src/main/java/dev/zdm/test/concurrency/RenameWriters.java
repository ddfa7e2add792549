package dev.zdm.test.concurrency;

/**
 * The statement of one application version during the seed's rename of {@code users.name} to {@code full_name}: it
 * updates a random row's {@code column}, reads another's, and inserts a row setting only {@code column} (and
 * {@code email}), as the "old" ({@code name}) and the "new" ({@code full_name}) version would. For {@link SteadyWriter}.
 */
public final class RenameWriters {
    private RenameWriters() {
    }

    /** The statement writing and reading {@code column} of {@code users} (ids 1 to {@code rows}), values prefixed {@code prefix}. */
    public static String writingAndReading(String column, String prefix, int rows) {
        String randomId = "(SELECT 1 + floor(random() * " + rows + ")::bigint)";
        return "WITH u AS (UPDATE users SET " + column + " = '" + prefix + "' || gen_random_uuid() WHERE id = " + randomId + " RETURNING id), "
                + "r AS (SELECT " + column + " FROM users WHERE id = " + randomId + ") "
                + "INSERT INTO users (" + column + ", email) SELECT '" + prefix + "' || gen_random_uuid(), 'w@example.com' "
                + "FROM (SELECT count(*) FROM u) x, (SELECT count(*) FROM r) y";
    }
}
