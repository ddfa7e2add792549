package dev.zdm.core.phase.drain;

public enum EvidenceStatus { HOLDS, AGAINST, MISSING, NOT_CONFIGURED, UNAVAILABLE }
