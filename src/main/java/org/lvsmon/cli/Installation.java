package org.lvsmon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lvsmon.config.Settings;

/**
 * Where lvsmon's own monitor and alert scripts are: the launcher passes {@code -Dlvsmon.home}, the
 * source tree or {@code /usr/lib/lvsmon} once installed.
 */
final class Installation {
  private Installation() {}

  static Settings.BuiltinDirs builtinDirs() {
    String home = System.getProperty("lvsmon.home");
    if (home != null) {
      Path h = Path.of(home);
      if (Files.isDirectory(h.resolve("monitors"))) {
        return new Settings.BuiltinDirs(h.resolve("monitors"), h.resolve("alerts"));
      }
      return new Settings.BuiltinDirs(h.resolve("mon.d"), h.resolve("alert.d"));
    }
    return new Settings.BuiltinDirs(Path.of("/usr/lib/lvsmon/mon.d"), Path.of("/usr/lib/lvsmon/alert.d"));
  }
}
