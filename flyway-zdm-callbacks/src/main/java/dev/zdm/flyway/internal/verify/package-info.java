/**
 * What {@code zdm:verify} and {@link dev.zdm.flyway.ZdmCommands#verify()} check after migrations ran: data integrity
 * checks as objects ({@link dev.zdm.flyway.internal.verify.IntegrityCheck}, one class per check with an id, listed in
 * {@link dev.zdm.flyway.internal.verify.Checks} and documented in docs/checks.md), run read-only on one connection,
 * and the {@link dev.zdm.flyway.internal.verify.VerifyReport} as text, Markdown or JSON.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.verify;
