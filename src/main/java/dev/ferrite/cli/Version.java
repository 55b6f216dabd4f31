package dev.ferrite.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ferrite --version}: the version from the jar's manifest ("dev" when run from classes). */
public final class Version implements IVersionProvider {

    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "ferrite " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
