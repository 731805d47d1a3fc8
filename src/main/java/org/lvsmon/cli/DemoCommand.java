package org.lvsmon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lvsmon.config.ConfigException;
import org.lvsmon.control.MonClient;
import org.lvsmon.demo.Demo;
import org.lvsmon.demo.DemoLog;
import org.lvsmon.demo.Script;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lvsmon demo}: the daemon on simulated login nodes, for a minute ({@link Demo}). It shows
 * the status table {@code lvsmon status} would, redrawn in place on a terminal; Ctrl-C ends it
 * cleanly (the shutdown hook waits until the temporary directory is gone).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {"Run lvsmon on four simulated SSH login nodes (loopback only, no root): one's load climbs, one"
        + " dies and comes back; watch the weights, the mails and the slow start.",
        "Uses conf/demo.cf, an SMTP sink and the memory IPVS backend; leaves nothing behind."})
final class DemoCommand implements Callable<Integer> {
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration LIVE_FRAMES = Duration.ofSeconds(1);
  static final Duration PLAIN_FRAMES = Duration.ofSeconds(5);
  private static final Duration HOOK_WAIT = Duration.ofSeconds(20);

  @Spec CommandSpec spec;

  @Option(names = "--duration", paramLabel = "S", defaultValue = "60",
      description = "how long the demo runs, in seconds (default ${DEFAULT-VALUE}); the story's times scale with it")
  long seconds;

  @Option(names = "--no-color", description = "no colours, even on a terminal")
  boolean noColor;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (seconds < 20 || seconds > 3600) {
      err.println("lvsmon demo: --duration " + seconds + ": expected 20 to 3600 seconds (the story needs about 20)");
      return 2;
    }
    boolean terminal = System.console() != null;
    boolean colour = terminal && !noColor && System.getenv("NO_COLOR") == null;
    int width = terminal ? StatusCommand.width(System.getenv("COLUMNS")) : 0;
    Duration length = Duration.ofSeconds(seconds);
    PrintStream out = System.out;
    CountDownLatch finished = new CountDownLatch(1);
    try (DemoLog log = DemoLog.capture()) {
      Demo.Setup setup = new Demo.Setup(Installation.builtinDirs(), file -> Commands.parse(file, null),
          (host, port) -> status(host, port, width, colour), log::lines, terminal, width, POLL,
          terminal ? LIVE_FRAMES : PLAIN_FRAMES);
      Demo demo;
      try {
        demo = Demo.start(setup, Script.standard(length));
      } catch (IOException | ConfigException e) {
        log.close();
        err.println("lvsmon demo: cannot start: " + e.getMessage());
        log.lines().forEach(err::println);
        return 1;
      }
      Thread hook = new Thread(() -> {
        demo.stop();
        await(finished);
      }, "lvsmon-demo-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try (demo) {
        demo.run(length, out);
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Ctrl-C: the JVM is shutting down and the hook is running
        }
      }
      out.println("Done: lvsmon, the nodes and the SMTP sink are stopped; the temporary directory is removed.");
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static void await(CountDownLatch finished) {
    try {
      finished.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The table {@code lvsmon status} prints, read from the demo's daemon. */
  private static String status(String host, int port, int width, boolean colour) throws IOException {
    try (MonClient client = MonClient.connect(host, port, MonClient.DEFAULT_TIMEOUT)) {
      return StatusText.format(StatusReport.read(client), width, colour);
    } catch (Refused e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
