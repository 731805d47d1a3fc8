package org.lvsmon.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lvsmon.config.BadValueException;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.ServiceKey;

class BalanceSpecTest {
  private static final Path CF = Path.of("mon.cf");

  private static BalanceSpec parse(String args) throws BadValueException {
    return BalanceSpec.parse(args, CF, 7);
  }

  @Test
  void tcpService_withDefaults() throws Exception {
    BalanceSpec s = parse("tcp 10.99.203.43:22");

    assertThat(s.service()).isEqualTo(new ServiceKey.Endpoint(Protocol.TCP, InetAddress.getByName("10.99.203.43"), 22));
    assertThat(s.port()).isEqualTo(22);
    assertThat(s.forward()).isEqualTo(ForwardingMethod.ROUTE);
    assertThat(s.policy()).isEqualTo(BalancePolicy.DEFAULTS);
  }

  @Test
  void everyOption() throws Exception {
    BalanceSpec s = parse("udp [2001:db8::1]:53 port=5353 forward=nat floor=2 ceiling=50 fullload=1.5 smoothing=1m"
        + " deadband=0 step=10 slowstart=0 failstatic=60%");

    assertThat(s.service()).isEqualTo(new ServiceKey.Endpoint(Protocol.UDP, InetAddress.getByName("2001:db8::1"), 53));
    assertThat(s.port()).isEqualTo(5353);
    assertThat(s.forward()).isEqualTo(ForwardingMethod.MASQ);
    assertThat(s.policy()).isEqualTo(new BalancePolicy(2, 50, 1.5, Duration.ofMinutes(1), 0, 10, Duration.ZERO, 0.6));
  }

  @Test
  void fwmark_realServersOnPortZero_andFailStaticOff() throws Exception {
    BalanceSpec s = parse("fwmark 5 family=inet6 failstatic=off");

    assertThat(s.service()).isEqualTo(new ServiceKey.Fwmark(5, AddressFamily.INET6));
    assertThat(s.port()).isZero();
    assertThat(Double.isNaN(s.policy().failStatic())).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tcp | expected \"balance tcp ADDRESS:PORT",
      "icmp 10.0.0.1:22 | \"icmp\" is not tcp, udp, sctp or fwmark",
      "tcp somehost:22 | \"somehost\" is not an IPv4 or IPv6 address literal",
      "tcp 10.0.0.1 | \"10.0.0.1\" is not ADDRESS:PORT",
      "fwmark 0 | firewall mark 0 out of range",
      "fwmark x | firewall mark \"x\" is not a number",
      "tcp 10.0.0.1:22 floor=0 | floor=0: expected a whole number 1..65535",
      "tcp 10.0.0.1:22 floor=50 ceiling=10 | weights must be 1 <= floor (50) <= ceiling (10)",
      "tcp 10.0.0.1:22 smoothing=fast | smoothing=fast: expected a time with a unit",
      "tcp 10.0.0.1:22 failstatic=150% | failstatic=150%: expected a percentage",
      "tcp 10.0.0.1:22 forward=magic | forward=magic: expected dr, nat or tun",
      "tcp 10.0.0.1:22 colour=red | unknown option colour",
      "tcp 10.0.0.1:22 floor=1 floor=2 | option floor given twice",
      "tcp 10.0.0.1:22 family=inet6 | family= is for fwmark services",
      "tcp 10.0.0.1:22 lonely | \"lonely\" is not option=value",
  })
  void badValues_areClearErrors(String args, String message) {
    assertThatThrownBy(() -> parse(args)).isInstanceOf(BadValueException.class).hasMessageContaining(message)
        .hasMessageStartingWith("balance: ");
  }

  private static MonConfig config(String text) throws ConfigException {
    KeywordRegistry r = new KeywordRegistry();
    BalanceSpec.register(r);
    return new MonConfigParser(r).parse(text, CF);
  }

  private static InetAddress literal(String host) throws UnknownHostException {
    if (host.startsWith("node")) {
      return InetAddress.getByName("10.0.0." + host.substring(4));
    }
    throw new UnknownHostException(host);
  }

  @Test
  void plan_bindsTheWatchHosts_resolved_onTheServicePort() throws Exception {
    MonConfig c = config("hostgroup login node1 node2 10.0.0.9\n\nwatch login\n  service load\n    interval 5s\n"
        + "    monitor ssh-load.monitor\n    balance tcp 10.99.0.1:22\n");

    BalancePlan p = BalancePlan.of(c, h -> h.startsWith("node") ? literal(h) : InetAddress.getByName(h));

    assertThat(p.problems()).isEmpty();
    assertThat(p.bindings()).hasSize(1);
    assertThat(p.bindings().get(0).realServers()).containsOnlyKeys("node1", "node2", "10.0.0.9");
    assertThat(p.bindings().get(0).realServers().get("node2").getPort()).isEqualTo(22);
  }

  @Test
  void plan_rejectsTwoWritersForOneRealServer_andUnresolvableHosts_withFileAndLine() throws Exception {
    MonConfig c = config("hostgroup a node1 node2\nhostgroup b node2 ghost\n\n"
        + "watch a\n  service load\n    monitor ssh-load.monitor\n    balance tcp 10.99.0.1:22\n\n"
        + "watch b\n  service load\n    monitor ssh-load.monitor\n    balance tcp 10.99.0.1:22\n\n");

    BalancePlan p = BalancePlan.of(c, BalanceSpecTest::literal);

    assertThat(p.problems()).extracting(Object::toString).containsExactly(
        "mon.cf:12: balance: host ghost of watch b does not resolve to an address",
        "mon.cf:12: balance: real server 10.0.0.2:22 of TCP 10.99.0.1:22 is already driven by a:load (mon.cf:7);"
            + " a real server has exactly one writer");
  }

  @Test
  void plan_rejectsAnLvsAlertOnARealServerThatBalanceDrives_butNotOnAnotherVirtualService() throws Exception {
    String head = "hostgroup a node1 node2\n\nwatch a\n  service load\n    monitor ssh-load.monitor\n"
        + "    balance tcp 10.99.0.1:22\n    period wd {Sun-Sat}\n";
    MonConfig same = config(head + "      alert lvs.alert -P tcp -V 10.99.0.1:22\n");
    MonConfig other = config(head + "      alert lvs.alert -P tcp -V 10.99.0.2:22\n");

    assertThat(BalancePlan.of(same, BalanceSpecTest::literal).problems()).extracting(Object::toString).containsExactly(
        "mon.cf:6: balance: real server 10.0.0.1:22 of TCP 10.99.0.1:22 is also written by lvs.alert in a:load;"
            + " a real server has exactly one writer: let balance quiesce failing servers, or drop balance");
    assertThat(BalancePlan.of(other, BalanceSpecTest::literal).problems()).isEmpty();
  }
}
