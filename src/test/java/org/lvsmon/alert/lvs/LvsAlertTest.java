package org.lvsmon.alert.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.TableText;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;

/** lvs.alert against the memory backend, with a fixed host table instead of DNS. */
class LvsAlertTest {
  private static final ServiceKey SSH = ServiceKey.tcp("10.99.203.43", 22);
  private static final Map<String, String> HOSTS = Map.of("login1", "10.0.0.1", "login2", "10.0.0.2", "login3", "10.0.0.3");
  private static final List<String> MON = List.of("-s", "ssh", "-g", "login", "-h", "login1 login2 login3", "-t", "1795311202");

  private final MemoryIpvs ipvs = new MemoryIpvs();
  private final LvsAlert alert = new LvsAlert(LvsAlertTest::resolve);
  private final StringWriter out = new StringWriter();

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String a = HOSTS.get(host);
    if (a == null && !host.matches("[0-9.:]+")) {
      throw new UnknownHostException(host + ": Name or service not known");
    }
    return new InetAddress[] {Endpoints.parseAddress(a == null ? host : a)};
  }

  @BeforeEach
  void pool() throws IpvsException {
    ipvs.addService(VirtualService.of(SSH, "wlc").persistent(3600));
    ipvs.addRealServer(SSH, RealServer.of(Endpoints.parse("10.0.0.1:22"), ForwardingMethod.MASQ, 5).withThresholds(100, 10));
    ipvs.addRealServer(SSH, RealServer.of(Endpoints.parse("10.0.0.2:22"), ForwardingMethod.MASQ, 5));
    ipvs.addRealServer(SSH, RealServer.of(Endpoints.parse("10.0.0.3:22"), ForwardingMethod.MASQ, 5));
  }

  private int run(String stdin, String... args) {
    List<String> argv = new java.util.ArrayList<>(MON);
    argv.addAll(List.of(args));
    return alert.run(argv, stdin, ipvs, new PrintWriter(out, true));
  }

  private String weights() throws IpvsException {
    return TableText.of(ipvs.table()).lines().filter(l -> l.startsWith("  "))
        .map(l -> l.strip().replaceAll(" fwd=(\\w+) weight=(\\d+) upper=(\\d+) lower=(\\d+).*", " $1 $2 $3/$4"))
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  @Test
  void downAlert_quiescesTheFailingHostsOnStdinsFirstLine_notTheGroupInDashH() throws Exception {
    int exit = run("login2 login3\n\nlogin2 refused\nlogin3 no banner\n", "-P", "tcp", "-V", "10.99.203.43:22");

    assertThat(exit).isZero();
    assertThat(weights()).isEqualTo("10.0.0.1:22 Masq 5 100/10, 10.0.0.2:22 Masq 0 0/0, 10.0.0.3:22 Masq 0 0/0");
    assertThat(out.toString()).isEqualTo(""
        + "[login/ssh] TCP 10.99.203.43:22: 10.0.0.2:22 weight 5 -> 0 (down alert: quiesced, its connections are kept)\n"
        + "[login/ssh] TCP 10.99.203.43:22: 10.0.0.3:22 weight 5 -> 0 (down alert: quiesced, its connections are kept)\n");
  }

  @Test
  void upAlert_restoresTheWeight_keepingThresholds_andAddsAMissingServer() throws Exception {
    ipvs.setWeight(SSH, Endpoints.parse("10.0.0.1:22"), 0);
    ipvs.deleteRealServer(SSH, Endpoints.parse("10.0.0.3:22"));

    int exit = run("login1 login3\n", "-u", "-u", "-P", "tcp", "-V", "10.99.203.43:22", "-W", "5", "-F", "nat");

    assertThat(exit).isZero();
    assertThat(weights()).isEqualTo("10.0.0.1:22 Masq 5 100/10, 10.0.0.2:22 Masq 5 0/0, 10.0.0.3:22 Masq 5 0/0");
    assertThat(out.toString()).contains("10.0.0.1:22 weight 0 -> 5 (up alert: restored)")
        .contains("10.0.0.3:22 added with weight 5, forwarding Masq (up alert)");
  }

  @Test
  void upAlert_withoutW_quiescedServerGetsIpvsadmsDefaultWeight_servingOneKeepsItsWeight() throws Exception {
    ipvs.setWeight(SSH, Endpoints.parse("10.0.0.1:22"), 0);

    assertThat(run("login1 login2\n", "-u", "-V", "10.99.203.43:22")).isZero();

    assertThat(weights()).startsWith("10.0.0.1:22 Masq 1 100/10, 10.0.0.2:22 Masq 5 0/0");
    assertThat(out.toString()).contains("weight 0 -> 1 (up alert: restored; no -W, so ipvsadm's default weight)")
        .contains("10.0.0.2:22 weight 5 already (up alert)");
  }

  @Test
  void dashR_overridesStdin_asInIpvsAlert() throws Exception {
    assertThat(run("login1\n", "-P", "tcp", "-V", "10.99.203.43:22", "-R", "10.0.0.3:22")).isZero();

    assertThat(weights()).isEqualTo("10.0.0.1:22 Masq 5 100/10, 10.0.0.2:22 Masq 5 0/0, 10.0.0.3:22 Masq 0 0/0");
  }

  @Test
  void classicDelete_dashX_deletesTheRealServer() throws Exception {
    assertThat(run("login2\n", "-V", "10.99.203.43:22", "-X")).isZero();

    assertThat(weights()).doesNotContain("10.0.0.2");
    assertThat(out.toString()).contains("10.0.0.2:22 deleted (down alert, -X; was weight 5)");
  }

  @Test
  void disableAlert_dashD_neverDeletesTheVirtualService_norChangesAnything() throws Exception {
    String before = TableText.of(ipvs.table());

    assertThat(run("login1 login2 login3\n", "-D", "-P", "tcp", "-V", "10.99.203.43:22")).isZero();

    assertThat(TableText.of(ipvs.table())).isEqualTo(before);
    assertThat(out.toString()).isEqualTo("[login/ssh] TCP 10.99.203.43:22: disable alert (-D): nothing changed;"
        + " lvs.alert never deletes a virtual service\n");
  }

  @Test
  void downAlert_hostNotInThePool_saysSo_notAnError() throws Exception {
    assertThat(run("10.0.0.9\n", "-V", "10.99.203.43:22")).isZero();

    assertThat(out.toString()).contains("10.0.0.9 is not one of its real servers: nothing to quiesce");
  }

  @Test
  void garbageOnStdin_clearError_nonZero_nothingChanged() throws Exception {
    String before = TableText.of(ipvs.table());

    assertThat(run("login2; rm -rf /\n", "-V", "10.99.203.43:22")).isEqualTo(LvsAlert.USAGE);

    assertThat(TableText.of(ipvs.table())).isEqualTo(before);
    assertThat(out.toString()).isEqualTo("[login/ssh] TCP 10.99.203.43:22: the first line of stdin is not a list of hosts"
        + " (\"login2; rm -rf /\"): \"login2;\" is not a host name or address (HOST, HOST:PORT or [IPV6]:PORT); nothing changed\n");
  }

  @Test
  void emptyStdin_withoutR_clearError() {
    assertThat(run("", "-V", "10.99.203.43:22")).isEqualTo(LvsAlert.USAGE);

    assertThat(out.toString()).contains("no -R, and the first line of stdin (the monitor's summary, which names the"
        + " failing hosts) is empty; nothing changed");
  }

  @Test
  void unresolvableHost_othersStillQuiesced_exitOne() throws Exception {
    assertThat(run("nosuchnode login2\n", "-V", "10.99.203.43:22")).isEqualTo(LvsAlert.FAILED);

    assertThat(weights()).contains("10.0.0.2:22 Masq 0");
    assertThat(out.toString()).contains("cannot resolve host \"nosuchnode\": nosuchnode: Name or service not known;"
        + " it is left as it is");
  }

  @Test
  void missingService_downAlert_exitOne_upAlertWithB_addsIt() throws Exception {
    assertThat(run("login1\n", "-V", "10.0.0.100:22")).isEqualTo(LvsAlert.FAILED);
    assertThat(out.toString()).contains("cannot list real servers of TCP 10.0.0.100:22: no such service; nothing changed");

    assertThat(run("login1\n", "-u", "-B", "-S", "rr", "-V", "10.0.0.100:22", "-W", "3", "-F", "dr")).isZero();
    assertThat(TableText.of(ipvs.table())).contains("TCP 10.0.0.100:22 sched=rr")
        .contains("10.0.0.1:22 fwd=Route weight=3");
  }

  @Test
  void fwmarkService_hostsMatchByAddress() throws Exception {
    ServiceKey mark = ServiceKey.fwmark(5);
    ipvs.addService(VirtualService.of(mark, "rr"));
    ipvs.addRealServer(mark, RealServer.of(Endpoints.parse("10.0.0.2:0"), ForwardingMethod.ROUTE, 4));

    assertThat(run("login2\n", "-P", "fwm", "-V", "5")).isZero();

    assertThat(TableText.of(ipvs.table())).contains("10.0.0.2:0 fwd=Route weight=0");
  }

  @Test
  void usageError_namesTheOption_exitTwo() {
    assertThat(run("login1\n", "-V", "10.99.203.43:22", "-W", "heavy")).isEqualTo(LvsAlert.USAGE);
    assertThat(out.toString()).startsWith("lvs.alert: -W \"heavy\" is not a weight 0..2147483647; nothing changed\n"
        + "lvs.alert: usage: lvs.alert -V");
  }
}
