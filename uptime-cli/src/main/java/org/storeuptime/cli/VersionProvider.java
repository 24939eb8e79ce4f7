package org.storeuptime.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (unknown when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = UptimeCli.class.getPackage().getImplementationVersion();
        return new String[] {"uptime " + (version == null ? "(development build)" : version)};
    }
}
