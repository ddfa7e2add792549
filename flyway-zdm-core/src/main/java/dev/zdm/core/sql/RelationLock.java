package dev.zdm.core.sql;

/** A lock a statement takes on one relation. */
public record RelationLock(RelationName relation, LockLevel level) {
}
