package org.lvsmon.ipvs.netlink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run inside the UML kernel by {@link BalanceKernelSystemIT}: the whole daemon, {@code lvsmon run}
 * from the built jar, on a seed-style config whose one service is a script monitor (it fails the
 * hosts listed in a file) with {@code balance}; this main edits the file and prints, per step, how
 * long the kernel took to show the expected weights ({@code === STEP} then {@code ms N} and
 * {@code ipvsadm -Sn}). Argument: the built jar.
 */
public final class BalanceDaemonKernelChecks {
  private BalanceDaemonKernelChecks() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path dir = Files.createTempDirectory("balance-daemon");
    Path mondir = Files.createDirectories(dir.resolve("mon.d"));
    Path alertdir = Files.createDirectories(dir.resolve("alert.d"));
    Path state = Files.createDirectories(dir.resolve("state"));
    Path failing = dir.resolve("failing");
    Files.writeString(failing, "");
    script(mondir.resolve("file.monitor"), "#!/bin/sh\nf=$(cat " + failing + ")\n[ -z \"$f\" ] && exit 0\necho $f\nexit 1\n");
    script(alertdir.resolve("ok.alert"), "#!/bin/sh\ncat >/dev/null\nexit 0\n");
    Path cf = dir.resolve("mon.cf");
    Files.writeString(cf, "mondir = " + mondir + "\nalertdir = " + alertdir + "\nstatedir = " + state + "\nlogdir = "
        + state + "\n\nhostgroup login 10.0.0.1 10.0.0.2 10.0.0.3\n\nwatch login\n  service load\n    interval 1s\n"
        + "    monitor file.monitor\n    balance tcp 10.99.0.1:22 step=100 deadband=0 smoothing=0 slowstart=0\n"
        + "    period wd {Sun-Sat}\n      alert ok.alert\n      upalert ok.alert\n");
    GuestSteps.command("ipvsadm", "-A", "-t", "10.99.0.1:22", "-s", "wlc");
    for (int i = 1; i <= 3; i++) {
      GuestSteps.command("ipvsadm", "-a", "-t", "10.99.0.1:22", "-r", "10.0.0." + i + ":22", "-g", "-w", "40");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process daemon = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "run",
        "-c", cf.toString(), "--ipvs", "netlink").redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
        .start();
    try {
      // no load figures from a script monitor: healthy hosts go to the ceiling
      GuestSteps.step("healthy", List.of("-r 10.0.0.1:22 -g -w 100", "-r 10.0.0.2:22 -g -w 100", "-r 10.0.0.3:22 -g -w 100"));
      Files.writeString(failing, "10.0.0.2\n");
      GuestSteps.step("n2-failing", List.of("-r 10.0.0.2:22 -g -w 0", "-r 10.0.0.1:22 -g -w 100"));
      Files.writeString(failing, "");
      GuestSteps.step("n2-back", List.of("-r 10.0.0.2:22 -g -w 100"));
      daemon.destroy(); // SIGTERM
      System.out.println("=== stopped");
      System.out.println("exit " + (daemon.waitFor(20, TimeUnit.SECONDS) ? daemon.exitValue() : -1));
      System.out.print(GuestSteps.command("ipvsadm", "-Sn"));
    } finally {
      daemon.destroyForcibly();
      System.out.println("=== daemon-log");
      System.out.print(Files.readString(dir.resolve("daemon.log")));
    }
    System.out.println("=== end");
  }


  private static void script(Path p, String text) throws Exception {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

}
