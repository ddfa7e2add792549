/**
 * The phase of a migration in an expand / migrate / contract deploy: {@link dev.zdm.core.phase.MigrationPhase}, what a
 * SQL migration declares with {@code -- zdm:phase=expand|migrate|contract} ({@link dev.zdm.core.phase.PhaseDeclaration}),
 * and how undeclared migrations are treated ({@link dev.zdm.core.phase.PhaseMode}, setting {@code flyway.zdm.phases}).
 * The lint reads it: a breaking statement in an {@code expand} or {@code migrate} migration is an error (ZDM151), and
 * in a {@code contract} migration it is expected. Free of Flyway types.
 */
package dev.zdm.core.phase;
