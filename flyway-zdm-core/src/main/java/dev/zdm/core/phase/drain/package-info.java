/** Drain evidence: whether the old application instances are gone before a contract migration runs. */
package dev.zdm.core.phase.drain;
