package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon ({@code bin/lvsmon run}) with its control port under abuse: garbage bytes, a
 * 1 MB line, hundreds of idle connections and a client that leaves in the middle of a large reply.
 * Throughout, the monitors keep running (a counter file grows), and afterwards Debian's {@code
 * moncmd} is served normally. Needs the Debian package mon-client.
 */
class ControlPortSystemIT {
  @TempDir Path dir;
  private Process daemon;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.destroy();
      daemon.waitFor(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void abuseOfTheControlPort_neitherStopsMonitoringNorHurtsTheNextClient() throws Exception {
    assertThat(Path.of("/usr/bin/moncmd")).as("moncmd is missing: install the Debian package mon-client"
        + " (test-fixtures/install-prereqs.sh)").exists();
    int port = 14600 + (int) (ProcessHandle.current().pid() % 300);
    Path bin = Files.createDirectories(dir.resolve("mon.d"));
    Path count = dir.resolve("runs");
    Path monitor = bin.resolve("count.monitor");
    Files.writeString(monitor, "#!/bin/sh\necho run >> " + count + "\nexit 0\n");
    monitor.toFile().setExecutable(true);
    StringBuilder cf = new StringBuilder("serverbind = 127.0.0.1\ntrapbind = 127.0.0.1\nmondir = " + bin + "\n"
        + "alertdir = " + bin + "\nstatedir = " + dir + "\nlogdir = " + dir + "\n\n"
        + "hostgroup g h1\n\nwatch g\n    service tick\n        interval 1s\n        monitor count.monitor\n");
    for (int i = 0; i < 300; i++) { // a long list opstatus reply
      cf.append("    service s").append(i).append("\n        description ").append("x".repeat(200))
          .append("\n        interval 1h\n        monitor count.monitor\n");
    }
    Files.writeString(dir.resolve("mon.cf"), cf.toString());
    Files.writeString(dir.resolve("auth.cf"), "command section\nlist: all\nquit: all\n");
    daemon = new ProcessBuilder("bin/lvsmon", "run", "-c", dir.resolve("mon.cf").toString(), "-A",
        dir.resolve("auth.cf").toString(), "-P", dir.resolve("pid").toString(), "-p", Integer.toString(port),
        "-t", Integer.toString(port)).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
        .start();
    awaitPort(port);
    long runsBefore = runs(count);

    try (Socket garbage = connect(port)) {
      byte[] junk = new byte[4096];
      new java.util.Random(7).nextBytes(junk);
      garbage.getOutputStream().write(junk);
      garbage.getOutputStream().flush();
    }
    try (Socket huge = connect(port)) {
      byte[] line = new byte[1 << 20];
      Arrays.fill(line, (byte) 'a');
      OutputStream out = huge.getOutputStream();
      out.write(line);
      out.write("\nversion\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String replies = readUntil(huge.getInputStream(), "220 version completed\n");
      assertThat(replies).as("one 520 for the long line, then the next request answered")
          .startsWith("520 request line too long").contains("\nversion 9745\n220 version completed\n");
    }
    try (Socket rude = connect(port)) {
      rude.getOutputStream().write("list opstatus\n".getBytes(StandardCharsets.US_ASCII));
      rude.getOutputStream().flush();
      assertThat(rude.getInputStream().readNBytes(100)).hasSize(100); // then leave in the middle of the reply
    }

    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 500; i++) {
        idle.add(connect(port));
      }
      int refused = 0;
      for (Socket s : idle.subList(128, 500)) {
        byte[] line = s.getInputStream().readNBytes(60);
        refused += new String(line, StandardCharsets.US_ASCII).startsWith("520 too many clients") ? 1 : 0;
      }
      assertThat(refused).as("every client over the limit of 128 is told so").isEqualTo(372);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (runs(count) < runsBefore + 3 && System.nanoTime() < deadline) {
        awaitGrowth(count, deadline);
      }
      assertThat(runs(count)).as("the 1 s monitor kept running during the abuse; daemon log:%n%s", log())
          .isGreaterThanOrEqualTo(runsBefore + 3);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }

    Process moncmd = new ProcessBuilder("moncmd", "-s", "127.0.0.1", "-p", Integer.toString(port), "list", "state")
        .redirectErrorStream(true).start();
    String out = new String(moncmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(moncmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("daemon log:%n%s", log()).contains("scheduler running");
    assertThat(daemon.isAlive()).isTrue();
  }

  @Test
  void sighup_reloadsTheConfig_keepingTheDaemonAndWhatClientsDisabled() throws Exception {
    int port = 14900 + (int) (ProcessHandle.current().pid() % 300);
    Path bin = Files.createDirectories(dir.resolve("mon.d"));
    Path monitor = bin.resolve("ok.monitor");
    Files.writeString(monitor, "#!/bin/sh\nexit 0\n");
    monitor.toFile().setExecutable(true);
    String head = "serverbind = 127.0.0.1\ntrapbind = 127.0.0.1\nmondir = " + bin + "\nalertdir = " + bin
        + "\nstatedir = " + dir + "\nlogdir = " + dir + "\n\nhostgroup g h1 h2\n\nwatch g\n"
        + "    service one\n        interval 1h\n        monitor ok.monitor\n";
    Files.writeString(dir.resolve("mon.cf"), head);
    Files.writeString(dir.resolve("auth.cf"), "command section\nlist: all\ndisable: all\n");
    daemon = new ProcessBuilder("bin/lvsmon", "run", "-c", dir.resolve("mon.cf").toString(), "-A",
        dir.resolve("auth.cf").toString(), "-P", dir.resolve("pid").toString(), "-p", Integer.toString(port),
        "-t", Integer.toString(port)).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
        .start();
    awaitPort(port);
    assertThat(moncmd(port, "disable", "host", "h2")).contains("220 disable host completed");

    Files.writeString(dir.resolve("mon.cf"), head + "    service two\n        interval 1h\n        monitor ok.monitor\n");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String watch = "";
    while (!watch.contains("g two") && System.nanoTime() < deadline) {
      // a SIGHUP while the daemon is still starting is ignored (logged), so send it until it takes
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor()).isZero();
      watch = moncmd(port, "list", "watch");
    }
    assertThat(watch).as("daemon log:%n%s", log()).contains("g one", "g two");
    assertThat(moncmd(port, "list", "disabled")).contains("group g: h2");
    assertThat(daemon.isAlive()).isTrue();
  }

  private static String moncmd(int port, String... words) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("moncmd", "-s", "127.0.0.1", "-p", Integer.toString(port)));
    cmd.addAll(Arrays.asList(words));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private String log() throws java.io.IOException {
    Path p = dir.resolve("daemon.log");
    return Files.exists(p) ? Files.readString(p) : "";
  }

  /** What the server sends until (and with) {@code end}, or until it closes. */
  private static String readUntil(InputStream in, String end) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while (!b.toString().endsWith(end) && (c = in.read()) >= 0) {
      b.append((char) c);
    }
    return b.toString();
  }

  private static Socket connect(int port) throws java.io.IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(20_000);
    return s;
  }

  private static long runs(Path count) throws java.io.IOException {
    return Files.exists(count) ? Files.readAllLines(count).size() : 0;
  }

  /** Blocks until the counter file changes or the deadline passes, by watching its directory. */
  private static void awaitGrowth(Path count, long deadline) throws Exception {
    try (var watch = count.getFileSystem().newWatchService()) {
      count.getParent().register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY,
          java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
      watch.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  /** Waits until the daemon accepts connections (or fails the test after 60 s). */
  private void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(daemon.isAlive()).as("lvsmon exited; its log:%n%s", log()).isTrue();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (java.io.IOException e) {
        daemon.waitFor(200, TimeUnit.MILLISECONDS); // not up yet
      }
    }
    throw new AssertionError("lvsmon did not open port " + port + " within 60 s; log:\n" + log());
  }
}
