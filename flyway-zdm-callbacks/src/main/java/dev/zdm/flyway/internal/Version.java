package dev.zdm.flyway.internal;

/** The flyway-zdm version from the jar manifest ({@code dev} when running from classes). */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
