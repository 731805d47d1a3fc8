package org.lvsmon.ipvs.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lvsmon.cli.Main;
import org.lvsmon.ipvs.GuestCommand;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.ProcNetIpvs;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.TableText;
import org.lvsmon.ipvs.VirtualService;

/**
 * Runs inside test-fixtures/ipvs-vm (a real kernel with IPVS, as root) for {@code
 * IpvsNetlinkSystemIT}: every kernel check in one JVM, so in one boot. It prints sections {@code ===
 * NAME} followed by their text; the test asserts on them. Not a test itself.
 *
 * <p>Sections: the {@link IpvsScenario} transcript over netlink; at each of its table checkpoints
 * ipvsadm's view ({@code ipvsadm -Ln --exact --thresholds}, {@code ipvsadm -Sn}) and the
 * /proc/net/ip_vs view next to netlink's; {@code lvsmon ipvs show} with and without CAP_NET_ADMIN;
 * then the family lookup when the family is unknown, after ip_vs was unloaded (autoload), and when
 * it cannot load. With argument {@code --record}, the raw netlink replies of the first dumps too.
 */
public final class KernelChecks {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final Map<String, String> out = new LinkedHashMap<>();
  private final String javaCommand;
  private final String classPath;

  private KernelChecks(String java, String classPath) {
    this.javaCommand = java;
    this.classPath = classPath;
  }

  public static void main(String[] args) throws Exception {
    KernelChecks checks = new KernelChecks(ProcessHandle.current().info().command().orElse("java"),
        System.getProperty("java.class.path"));
    try {
      checks.runAll(List.of(args).contains("--record"));
    } finally {
      checks.out.forEach((k, v) -> System.out.print("=== " + k + "\n" + v + (v.endsWith("\n") || v.isEmpty() ? "" : "\n")));
      System.out.println("=== end");
    }
  }

  private void runAll(boolean record) throws Exception {
    if (record) {
      record();
    }
    try (NetlinkIpvs ipvs = NetlinkIpvs.open(TIMEOUT)) {
      out.put("family-id", Integer.toString(ipvs.familyId()));
      Map<String, String> transcript = new IpvsScenario(ipvs, (name, t) -> checkpoint(ipvs, name)).run();
      transcript.forEach((k, v) -> out.put("netlink:" + k, v));
    }
    unknownFamily();
    unloadAndAutoload();
    noModule();
  }

  private void checkpoint(NetlinkIpvs ipvs, String name) {
    out.put("ipvsadm:" + name, command("ipvsadm", "-Ln", "--exact", "--thresholds").output());
    out.put("ipvsadm-save:" + name, command("ipvsadm", "-Sn").output());
    try {
      out.put("proc-reduced:" + name, TableText.of(reduced(ProcNetIpvs.read(ProcNetIpvs.PATH))));
      out.put("netlink-reduced:" + name, TableText.of(reduced(ipvs.table())));
    } catch (IpvsException e) {
      out.put("proc-reduced:" + name, e.getMessage());
    }
    if (name.equals("table-after-weights")) {
      out.put("cli-show", GuestCommand.cli("ipvs", "show"));
      out.put("cli-show-json", GuestCommand.cli("ipvs", "show", "--json"));
      Ran noCap = command("setpriv", "--inh-caps=-net_admin", "--bounding-set=-net_admin", "--", javaCommand,
          "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, Main.class.getName(),
          "ipvs", "show");
      out.put("cli-show-without-cap-net-admin", "exit " + noCap.exit + "\n--- stdout\n" + noCap.stdout + "--- stderr\n" + noCap.stderr);
    }
  }

  /** The fields /proc/net/ip_vs has: no thresholds, tunnels or timeouts. */
  private static IpvsTable reduced(IpvsTable t) {
    List<IpvsTable.Entry> entries = new ArrayList<>();
    for (IpvsTable.Entry e : t.services()) {
      var s = e.service();
      List<RealServer> reals = new ArrayList<>();
      for (RealServer r : e.realServers()) {
        reals.add(new RealServer(r.address(), r.port(), r.forwarding(), r.weight(), 0, 0, Optional.empty(), r.connections()));
      }
      entries.add(new IpvsTable.Entry(new VirtualService(s.key(), s.scheduler(), s.flags(), 0,
          s.netmaskBits(), s.persistenceEngine()), reals));
    }
    return new IpvsTable(t.source(), entries, List.of());
  }

  private void unknownFamily() {
    try (NetlinkIpvs ipvs = NetlinkIpvs.open("IPVS_NO_SUCH", TIMEOUT)) {
      out.put("unknown-family", "opened, family id " + ipvs.familyId());
    } catch (IpvsException e) {
      out.put("unknown-family", e.reason() + ": " + e.getMessage());
    }
  }

  /** With ip_vs unloaded, the family lookup loads it again (the kernel asks modprobe). */
  private void unloadAndAutoload() {
    out.put("unload", unload());
    out.put("proc-after-unload", Files.exists(ProcNetIpvs.PATH) ? "present" : "absent");
    try (NetlinkIpvs ipvs = NetlinkIpvs.open(TIMEOUT)) {
      out.put("autoload", "ok " + ipvs.services().size() + " services");
    } catch (IpvsException e) {
      out.put("autoload", e.reason() + ": " + e.getMessage());
    }
  }

  /** With ip_vs unloaded and modprobe disabled, the kernel has no IPVS at all. */
  private void noModule() throws IOException {
    String unloaded = unload();
    Files.writeString(Path.of("/proc/sys/kernel/modprobe"), "/bin/false\n");
    out.put("unload-again", unloaded);
    try (NetlinkIpvs ipvs = NetlinkIpvs.open(TIMEOUT)) {
      out.put("no-module", "opened, family id " + ipvs.familyId());
    } catch (IpvsException e) {
      out.put("no-module", e.reason() + ": " + e.getMessage());
    }
    try {
      out.put("no-module-proc", "read " + ProcNetIpvs.read(ProcNetIpvs.PATH));
    } catch (IpvsException e) {
      out.put("no-module-proc", e.reason() + ": " + e.getMessage());
    }
    out.put("no-module-cli", GuestCommand.cli("ipvs", "show"));
  }

  private static String unload() {
    List<String> modules = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/modules"))) {
        String name = line.split(" ")[0];
        if (name.startsWith("ip_vs_")) {
          modules.add(name);
        }
      }
    } catch (IOException e) {
      return "cannot read /proc/modules: " + e;
    }
    modules.add("ip_vs");
    List<String> argv = new ArrayList<>(List.of("modprobe", "-r"));
    argv.addAll(modules);
    Ran r = command(argv.toArray(String[]::new));
    return "exit " + r.exit + " " + r.output().strip();
  }


  /** The raw replies of the first dumps, as hex, for the decoder's unit tests. */
  private void record() throws Exception {
    try (NetlinkIpvs ipvs = NetlinkIpvs.open(TIMEOUT)) {
      new IpvsScenario(ipvs, (name, t) -> { }).runSetupOnly();
    }
    List<String> lines = new ArrayList<>();
    try (NetlinkSocket socket = NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, TIMEOUT)) {
      int family = GenericNetlink.familyId(socket.exchange(GenericNetlink.getFamily(IpvsCodec.FAMILY_NAME)).get(0));
      lines.add("family " + family);
      for (NetlinkMessage m : socket.exchange(IpvsCodec.dumpServices(family))) {
        lines.add("service " + HexFormat.of().formatHex(Netlink.encode(m)));
        var key = IpvsCodec.service(m).key();
        for (NetlinkMessage d : socket.exchange(IpvsCodec.dumpRealServers(family, key))) {
          lines.add("dest " + key + " " + HexFormat.of().formatHex(Netlink.encode(d)));
        }
      }
    }
    out.put("recorded", String.join("\n", lines));
    try (NetlinkIpvs ipvs = NetlinkIpvs.open(TIMEOUT)) {
      for (var v : ipvs.services()) {
        ipvs.deleteService(v.key());
      }
    }
  }

  private record Ran(int exit, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }

  private static Ran command(String... argv) {
    try {
      Path o = Files.createTempFile("kernel-checks", ".out");
      Path e = Files.createTempFile("kernel-checks", ".err");
      Process p = new ProcessBuilder(argv).redirectOutput(o.toFile()).redirectError(e.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Ran(-1, "", "timed out: " + String.join(" ", argv));
      }
      return new Ran(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8), Files.readString(e, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Ran(-1, "", "cannot run " + String.join(" ", argv) + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ran(-1, "", "interrupted: " + String.join(" ", argv));
    }
  }
}
