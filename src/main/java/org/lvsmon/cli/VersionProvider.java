package org.lvsmon.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"lvsmon " + version()};
  }
}
