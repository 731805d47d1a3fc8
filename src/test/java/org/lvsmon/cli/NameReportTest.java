package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.Settings;

/** The dry run's report of which names are built-ins, scripts, or not found. */
class NameReportTest {
  @TempDir Path dir;

  @Test
  void builtInsByMarker_scriptsAndMissingNames_eachWithTheServicesUsingThem() throws Exception {
    Path mon = Files.createDirectories(dir.resolve("mon.d"));
    Path alert = Files.createDirectories(dir.resolve("alert.d"));
    Files.copy(Path.of("monitors/ssh-load.monitor"), mon.resolve("ssh-load.monitor"));
    Files.copy(Path.of("alerts/mail.alert"), alert.resolve("mail.alert"));
    Path fping = Files.writeString(mon.resolve("fping.monitor"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(fping, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path cf = Files.writeString(dir.resolve("mon.cf"), "mondir = " + mon + "\nalertdir = " + alert + "\n\n"
        + "hostgroup login n1 n2\n\nwatch login\n    service load\n        interval 5s\n"
        + "        monitor ssh-load.monitor\n        period wd {Sun-Sat}\n            alert mail.alert ops@x\n"
        + "            failstaticalert pager.alert\n    service ping\n        interval 5s\n"
        + "        monitor fping.monitor\n        period wd {Sun-Sat}\n            alert mail.alert ops@x\n");
    MonConfig config = Commands.parse(cf, null);
    Settings settings = Settings.resolve(config, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);

    assertThat(NameReport.lines(config, settings)).containsExactly(
        "monitor fping.monitor: script " + fping + ", forked; used by login/ping",
        "monitor ssh-load.monitor: built-in ssh-load, in-process (" + mon.resolve("ssh-load.monitor")
            + "); used by login/load",
        "alert mail.alert: built-in mail, in-process (" + alert.resolve("mail.alert") + "); used by login/load,"
            + " login/ping",
        "alert pager.alert: NOT FOUND on " + alert + "; used by login/load");
  }
}
