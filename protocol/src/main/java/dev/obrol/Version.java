package dev.obrol;

import picocli.CommandLine;

/** obrol's version, read from the jar manifest ("dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** How obrol names itself on the wire, e.g. "obrol/0.1.0". */
    public static String agent() {
        return "obrol/" + current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"obrol " + current(), "Java " + Runtime.version()};
    }
}
