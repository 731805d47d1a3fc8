package org.lvsmon.cli;

import java.io.InputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.lvsmon.alert.lvs.LvsAlert;
import org.lvsmon.alert.lvs.LvsAlertArgs;
import org.lvsmon.alert.mail.MailAlert;
import org.lvsmon.alert.mail.MailAlertArgs;
import org.lvsmon.alert.mail.MailSender;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.alert.mail.Outbox;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code lvsmon alert lvs|mail ARGS}: runs a built-in alert once, as mon runs its script: mon's
 * arguments, the event's output on stdin. The scripts in {@code alerts/} exec these. The alert's
 * arguments pass through untouched to the code the daemon runs in-process (picocli only looks for
 * {@code --help}, {@code --ipvs}, {@code --settings} and {@code --statedir}).
 */
@Command(
    name = "alert",
    description = "Run a built-in alert once (mon's alert calling convention): lvs, mail.",
    subcommands = {AlertCommand.Lvs.class, AlertCommand.Mail.class})
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

  @Command(name = "mail", usageHelpWidth = 120, description = {
      "mail.alert: mail the alert as mon's mail.alert does (subject ALERT|UPALERT group/service: summary (time), the",
      "body with group, service, time, members and stdin's detail), over SMTP as the mail settings file says. When",
      "the relay cannot be reached (or refuses the mail) the mail is queued in STATEDIR/outbox for the lvsmon",
      "daemon to deliver, and the output says so.", "",
      MailAlertArgs.USAGE, MailAlertArgs.USAGE_TEXT, "",
      "Exit 0 sent or queued durably, 1 neither (the mail is lost, or the settings file is bad), 2 bad arguments."})
  static final class Mail implements Callable<Integer> {
    /** What is read of stdin at most; it becomes the mail's summary and detail. */
    static final int STDIN_LIMIT = 1 << 20;

    private final InputStream stdin;

    @Spec CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--settings", paramLabel = "FILE", defaultValue = "/etc/lvsmon/mail.conf",
        description = "the mail settings file (none: localhost:25 without auth). Default: ${DEFAULT-VALUE}")
    Path settings;

    @Option(names = "--statedir", paramLabel = "DIR", defaultValue = "/var/lib/lvsmon",
        description = "the lvsmon daemon's state directory, whose outbox/ takes mail that cannot be sent now."
            + " Default: ${DEFAULT-VALUE}")
    Path statedir;

    @Unmatched List<String> args = new ArrayList<>();

    Mail() {
      this(System.in);
    }

    Mail(InputStream stdin) {
      this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      String input = new String(stdin.readNBytes(STDIN_LIMIT), StandardCharsets.UTF_8);
      try {
        MailSettings s;
        try {
          s = MailSettings.load(settings);
        } catch (MailSettings.SettingsException e) {
          out.println("mail.alert: " + e.getMessage() + "; nothing sent");
          return MailAlert.FAILED;
        }
        String host = hostName();
        Outbox outbox = new Outbox(Outbox.directoryIn(statedir), host, Clock.systemUTC(), s.ageLimit());
        String from = System.getProperty("user.name") + "@" + host; // as sendmail without -f
        MailAlert alert = new MailAlert(outbox, () -> new MailSender(s, from, new Properties()), () -> { },
            ZoneId.systemDefault(), Clock.systemUTC());
        return alert.sendOrQueue(args, input, out);
      } finally {
        out.flush();
      }
    }

    static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
