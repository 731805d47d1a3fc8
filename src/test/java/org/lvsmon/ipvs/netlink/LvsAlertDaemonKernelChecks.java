package org.lvsmon.ipvs.netlink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run inside the UML kernel by {@link LvsAlertKernelSystemIT}: {@code lvsmon run} from the built jar
 * on a seed-style config that uses lvsmon's {@code lvs.alert} as both alert and upalert (the
 * contrib ipvs.alert way: one watch over the pool, the failing hosts from the summary); a script
 * monitor fails the hosts listed in a file. Prints per step how long the kernel took ({@code ms N})
 * and {@code ipvsadm -Sn}. Arguments: the built jar, the project's alerts directory.
 */
public final class LvsAlertDaemonKernelChecks {
  private LvsAlertDaemonKernelChecks() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path alerts = Path.of(args[1]);
    Path dir = Files.createTempDirectory("lvs-alert-daemon");
    Path mondir = Files.createDirectories(dir.resolve("mon.d"));
    Path state = Files.createDirectories(dir.resolve("state"));
    Path failing = dir.resolve("failing");
    Files.writeString(failing, "");
    Path monitor = mondir.resolve("file.monitor");
    Files.writeString(monitor, "#!/bin/sh\nf=$(cat " + failing + ")\n[ -z \"$f\" ] && exit 0\necho $f\nexit 1\n");
    Files.setPosixFilePermissions(monitor, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path cf = dir.resolve("mon.cf");
    Files.writeString(cf, "mondir = " + mondir + "\nalertdir = " + alerts.toAbsolutePath() + "\nstatedir = " + state
        + "\nlogdir = " + state + "\n\nhostgroup login 10.0.0.1 10.0.0.2 10.0.0.3\n\nwatch login\n  service ssh\n"
        + "    interval 1s\n    monitor file.monitor\n    period wd {Sun-Sat}\n"
        + "      alert lvs.alert -P tcp -V 10.99.0.1:22\n      upalert lvs.alert -P tcp -V 10.99.0.1:22 -W 30\n");
    GuestSteps.command("ipvsadm", "-A", "-t", "10.99.0.1:22", "-s", "wlc");
    for (int i = 1; i <= 3; i++) {
      GuestSteps.command("ipvsadm", "-a", "-t", "10.99.0.1:22", "-r", "10.0.0." + i + ":22", "-g", "-w", "30");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process daemon = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "run",
        "-c", cf.toString(), "--ipvs", "netlink").redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
        .start();
    try {
      Files.writeString(failing, "10.0.0.2 10.0.0.3\n");
      GuestSteps.step("two-failing", List.of("-r 10.0.0.2:22 -g -w 0", "-r 10.0.0.3:22 -g -w 0", "-r 10.0.0.1:22 -g -w 30"));
      Files.writeString(failing, "");
      GuestSteps.step("recovered", List.of("-r 10.0.0.2:22 -g -w 30", "-r 10.0.0.3:22 -g -w 30"));
      daemon.destroy();
      daemon.waitFor(20, TimeUnit.SECONDS);
    } finally {
      daemon.destroyForcibly();
      System.out.println("=== daemon-log");
      System.out.print(Files.readString(dir.resolve("daemon.log")));
    }
    System.out.println("=== end");
  }


}
