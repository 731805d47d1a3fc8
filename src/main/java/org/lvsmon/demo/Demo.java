package org.lvsmon.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.Settings;
import org.lvsmon.daemon.Daemon;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;

/**
 * {@code lvsmon demo}: the production daemon, in-process, on a small simulated cluster. Simulated
 * login nodes ({@link DemoCluster}) answer ssh-load.monitor over SSH on loopback, the memory IPVS
 * backend holds the VIP's virtual service for {@code balance} to drive, an SMTP sink ({@link
 * MailSink}) receives mail.alert's mail, and {@code conf/demo.cf} is the config. Everything lvsmon
 * does here it does as {@code lvsmon run} would; only the nodes follow a {@link Script}. Each
 * frame shows lvsmon's status table as {@code lvsmon status} reads it from the control port.
 *
 * <p>Everything lives in a temporary directory (keys, known_hosts, config, state, outbox), which
 * {@link #close} removes. {@link #run} is for one thread; {@link #stop} may be called from any.
 */
public final class Demo implements AutoCloseable {
  /** The scheduler of the virtual service the demo's director starts with ({@code ipvsadm -A -s wlc}). */
  static final String SCHEDULER = "wlc";

  /** Reads a mon.cf with every keyword lvsmon knows. */
  @FunctionalInterface
  public interface ConfigReader {
    MonConfig read(Path file) throws ConfigException;
  }

  /** lvsmon's status table, as {@code lvsmon status} prints it, read from the daemon at {@code host:port}. */
  @FunctionalInterface
  public interface StatusTable {
    String render(String host, int port) throws IOException;
  }

  /**
   * How the demo runs.
   *
   * @param builtins lvsmon's own monitor and alert directories (the daemon finds its built-ins there)
   * @param reader reads the rendered config
   * @param status draws the status table
   * @param log the daemon's log lines so far, for the screen
   * @param live redraw the screen in place (a terminal), rather than print frame after frame
   * @param width the terminal's width: live frames cut longer lines (0: never)
   * @param poll how often the script and the mail sink are looked at
   * @param frames how often a frame is drawn
   */
  public record Setup(Settings.BuiltinDirs builtins, ConfigReader reader, StatusTable status,
      Supplier<List<String>> log, boolean live, int width, Duration poll, Duration frames) {}

  private final Setup setup;
  private final Script script;
  private final Clock clock;
  private final Path dir;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private DemoCluster cluster;
  private MailSink sink;
  private MemoryIpvs ipvs;
  private Daemon daemon;
  private int controlPort;
  private Instant started;

  private Demo(Setup setup, Script script, Clock clock, Path dir) {
    this.setup = setup;
    this.script = script;
    this.clock = clock;
    this.dir = dir;
  }

  /**
   * Starts the nodes, the sink and the daemon. On failure everything started is stopped and the
   * temporary directory removed.
   */
  public static Demo start(Setup setup, Script script) throws IOException, ConfigException, InterruptedException {
    Demo d = new Demo(setup, script, Clock.systemDefaultZone(), Files.createTempDirectory("lvsmon-demo-"));
    try {
      d.startAll();
      return d;
    } catch (IOException | ConfigException | InterruptedException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  private void startAll() throws IOException, ConfigException, InterruptedException {
    started = clock.instant();
    List<LoadCurve> loads = new ArrayList<>();
    for (int i = 0; i < script.nodes().size(); i++) {
      Script.Start s = script.nodes().get(i);
      loads.add(new LoadCurve(clock, s.cpus(), s.load(), i * 1.7));
    }
    cluster = opened(DemoCluster.start(loads, dir));
    sink = opened(MailSink.start());
    Path file = DemoConfig.write(dir, cluster.port(), sink.port());
    MonConfig config = setup.reader().read(file);
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("log"));
    controlPort = freeTcpPort();
    RunOptions options = new RunOptions(null, dir.toString(), dir.toString(), null, dir.resolve("log").toString(),
        dir.resolve("state").toString(), null, "", null, null, controlPort, freeUdpPort(), null);
    Settings settings = Settings.resolve(config, options, setup.builtins(), Files::isDirectory);
    requireBuiltin(settings.mondirs(), "ssh-load.monitor");
    requireBuiltin(settings.alertdirs(), "mail.alert");
    BalancePlan plan = BalancePlan.of(config);
    ipvs = opened(seeded(plan));
    Daemon.Startup startup = new Daemon.Startup(false, () -> setup.reader().read(file), null, true, true,
        MailSettings.choose(null, config, settings.cfbasedir()));
    daemon = opened(Daemon.start(config, settings, clock, plan, ipvs, () -> ipvs, startup));
  }

  private <T extends AutoCloseable> T opened(T resource) {
    opened.add(resource);
    return resource;
  }

  /** The director as the demo starts it: the memory backend with each balanced virtual service, no real server. */
  private static MemoryIpvs seeded(BalancePlan plan) throws IOException {
    MemoryIpvs table = new MemoryIpvs();
    try {
      for (BalancePlan.Binding b : plan.bindings()) {
        if (table.services().stream().noneMatch(s -> s.key().equals(b.spec().service()))) {
          table.addService(VirtualService.of(b.spec().service(), SCHEDULER));
        }
      }
    } catch (IpvsException e) {
      throw new IOException("cannot set up the demo's virtual service: " + e.getMessage(), e);
    }
    return table;
  }

  /** Fails unless {@code name} resolves, on {@code path}, to lvsmon's own script (the demo shows the built-ins). */
  private static void requireBuiltin(List<Path> path, String name) throws IOException {
    for (Path d : path) {
      Path p = d.resolve(name);
      if (Files.isExecutable(p)) {
        if (org.lvsmon.monitor.BuiltinMonitors.builtinName(p).isPresent()) {
          return;
        }
        throw new IOException(name + " resolves to " + p + ", which is not lvsmon's built-in");
      }
    }
    throw new IOException(name + " is not on the search path " + path + ": run the demo as bin/lvsmon demo from"
        + " lvsmon's source tree, or install lvsmon");
  }

  /**
   * Plays the script for {@code length}, drawing frames on {@code out}, then returns; returns early
   * after {@link #stop}.
   */
  public void run(Duration length, PrintStream out) throws InterruptedException {
    Screen screen = new Screen(out, setup.live(), length, setup.width());
    screen.event(Duration.ZERO, cluster.nodes().size() + " login nodes up on 127.0.0.11-" + (10 + cluster.nodes().size())
        + " port " + cluster.port() + "; lvsmon drives " + ipvs.services().get(0).key() + " (" + SCHEDULER
        + ") in memory; mail goes to an SMTP sink on 127.0.0.1:" + sink.port());
    List<Script.Step> steps = new ArrayList<>(script.steps());
    Duration nextFrame = Duration.ZERO;
    while (true) {
      Duration now = elapsed();
      while (!steps.isEmpty() && steps.get(0).at().compareTo(now) <= 0) {
        play(steps.remove(0), screen);
      }
      for (MailSink.Received m : sink.arrived()) {
        screen.event(now, "mail for " + m.to() + ": " + m.subject());
        m.firstLines().forEach(l -> screen.event(now, "    | " + l));
      }
      if (now.compareTo(nextFrame) >= 0 || now.compareTo(length) >= 0) {
        screen.frame(now, nodeLines(), status(), setup.log().get());
        nextFrame = now.plus(setup.frames());
      }
      if (now.compareTo(length) >= 0) {
        screen.end("The demo ran its " + length.toSeconds() + " s; stopping lvsmon and the nodes.");
        return;
      }
      Duration wait = Stream.of(now.plus(setup.poll()), nextFrame, length,
              steps.isEmpty() ? length : steps.get(0).at())
          .min(Comparator.naturalOrder()).orElseThrow().minus(now);
      if (stopped.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
        screen.end("Stopped at " + Screen.clock(elapsed()) + "; stopping lvsmon and the nodes.");
        return;
      }
    }
  }

  private void play(Script.Step step, Screen screen) {
    try {
      step.action().run(cluster);
      screen.event(step.at(), step.narrative());
    } catch (IOException | RuntimeException e) {
      screen.event(step.at(), "could not play \"" + step.narrative() + "\": " + e.getMessage());
    }
  }

  private Duration elapsed() {
    return Duration.between(started, clock.instant());
  }

  private List<String> nodeLines() {
    return cluster.nodes().stream().map(n -> String.format(Locale.ROOT, "%-6s %-11s sshd %-5s load %5.2f on %d CPUs"
        + " (%.2f per CPU)", n.name(), n.address(), n.running() ? "up" : "DOWN", n.load().load1(), n.load().cpus(),
        n.load().load1() / n.load().cpus())).toList();
  }

  private String status() {
    try {
      return setup.status().render("127.0.0.1", controlPort);
    } catch (IOException | RuntimeException e) {
      return "(lvsmon's status cannot be read: " + e.getMessage() + ")\n";
    }
  }

  /** Ends {@link #run} at its next look (Ctrl-C). */
  public void stop() {
    stopped.countDown();
  }

  /** The director's IPVS table, which the daemon drives. */
  MemoryIpvs ipvs() {
    return ipvs;
  }

  /** Every mail the sink has received. */
  List<MailSink.Received> mails() {
    return sink.all();
  }

  /** The temporary directory (removed by {@link #close}). */
  Path directory() {
    return dir;
  }

  /** Stops the daemon, the sink and the nodes, and removes the temporary directory. Idempotent. */
  @Override
  public void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        // closing the rest matters more; each part logs its own trouble
      }
    }
    opened.clear();
    deleteTree(dir);
  }

  private static void deleteTree(Path top) {
    if (!Files.exists(top)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(top)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("lvsmon demo: cannot remove " + top + ": " + e.getMessage());
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }
}
