package org.lvsmon.cli;

import java.io.InputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lvsmon.alert.lvs.LvsAlert;
import org.lvsmon.alert.lvs.LvsAlertArgs;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code lvsmon alert lvs ARGS}: runs a built-in alert once, as mon runs its script: mon's
 * arguments, the event's output on stdin. The scripts in {@code alerts/} exec these. The alert's
 * arguments pass through untouched to the code the daemon runs in-process (picocli only looks for
 * {@code --help} and {@code --ipvs}).
 */
@Command(
    name = "alert",
    description = "Run a built-in alert once (mon's alert calling convention): lvs.",
    subcommands = {AlertCommand.Lvs.class})
final class AlertCommand extends CommandGroup {
  @Command(name = "lvs", usageHelpWidth = 120, description = {
      "lvs.alert: quiesce (weight 0) the failing real servers of one IPVS virtual service on a down alert, restore",
      "their weight on an up alert (-u). The real servers are the -R values, else the hosts on the first line of",
      "stdin (the monitor's summary), never mon's -h. -D (a disablealert) changes nothing.", "",
      LvsAlertArgs.USAGE, LvsAlertArgs.USAGE_TEXT, "",
      "Exit 0 done (or nothing to do), 1 some change failed, 2 bad arguments or stdin (nothing changed)."})
  static final class Lvs implements Callable<Integer> {
    /** What is read of stdin at most; only its first line is used. */
    static final int STDIN_LIMIT = 1 << 20;

    private final InputStream stdin;

    @Spec CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--ipvs", defaultValue = "auto", paramLabel = "BACKEND",
        description = "auto (netlink), netlink, ipvsadm or memory (an empty table: a dry run). Default: ${DEFAULT-VALUE}")
    IpvsBackend backend;

    @Unmatched List<String> args = new ArrayList<>();

    Lvs() {
      this(System.in);
    }

    Lvs(InputStream stdin) {
      this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      String input = new String(stdin.readNBytes(STDIN_LIMIT), StandardCharsets.UTF_8);
      IpvsControl ipvs;
      try {
        ipvs = backend.open();
      } catch (IpvsException e) {
        out.println("lvs.alert: " + e.getMessage() + "; nothing changed");
        out.flush();
        return LvsAlert.FAILED;
      }
      try (ipvs) {
        return new LvsAlert(InetAddress::getAllByName).run(args, input, ipvs, out);
      } finally {
        out.flush();
      }
    }
  }
}
