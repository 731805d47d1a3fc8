package org.lvsmon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.ProcNetIpvs;
import org.lvsmon.ipvs.netlink.NetlinkIpvs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lvsmon ipvs show}: the kernel's IPVS table as lvsmon reads it. Not executable itself, so
 * picocli refuses {@code lvsmon ipvs} alone with "Missing required subcommand" and exit status 2.
 */
@Command(
    name = "ipvs",
    mixinStandardHelpOptions = true,
    description = "The kernel's IPVS table as lvsmon reads it.",
    subcommands = {IpvsCommand.Show.class})
final class IpvsCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {"Print the virtual services and real servers: weights, thresholds, forwarding, tunnels, connections.",
          "Exit 0 when read, 1 when the table cannot be read (the reason on stderr)."})
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--ipvs", defaultValue = "auto", paramLabel = "BACKEND",
        description = "auto (netlink; without CAP_NET_ADMIN the read-only /proc/net/ip_vs), netlink, ipvsadm"
            + " (the ipvsadm program), or memory (an empty table). Default: ${DEFAULT-VALUE}")
    IpvsBackend backend;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<String> notes = new ArrayList<>();
      IpvsTable table;
      try {
        table = read(notes);
      } catch (IpvsException e) {
        notes.forEach(n -> err.println("lvsmon: " + n));
        err.println("lvsmon: " + e.getMessage());
        err.flush();
        return 1;
      }
      notes.addAll(table.notes());
      IpvsTable shown = new IpvsTable(table.source(), table.services(), notes);
      if (json) {
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new IpvsTableJson().toJson(shown)));
      } else {
        out.print(IpvsTableText.format(shown));
        notes.forEach(n -> err.println("lvsmon: " + n));
      }
      out.flush();
      err.flush();
      return 0;
    }

    private IpvsTable read(List<String> notes) throws IpvsException {
      return backend.readTable(notes);
    }
  }
}
