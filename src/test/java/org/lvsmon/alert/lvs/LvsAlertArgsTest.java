package org.lvsmon.alert.lvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.lvsmon.alert.lvs.LvsAlertArgs.Event;
import org.lvsmon.alert.lvs.LvsAlertArgs.Target;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.ServiceKey;

class LvsAlertArgsTest {
  private static LvsAlertArgs parse(String... argv) throws Exception {
    return LvsAlertArgs.parse(List.of(argv));
  }

  @Test
  void monContribUpalertLine_asMonCallsIt() throws Exception {
    // mon-examples/02: upalert ipvs.alert -P tcp -V 10.1.0.100:22 -R 10.1.0.11:22 -W 1 -F dr, called with -u -u
    LvsAlertArgs a = parse("-s", "ssh", "-g", "rs1", "-h", "10.1.0.11", "-t", "1795311212", "-u", "-u",
        "-P", "tcp", "-V", "10.1.0.100:22", "-R", "10.1.0.11:22", "-W", "1", "-F", "dr");

    assertThat(a.event()).isEqualTo(Event.UP);
    assertThat(a.entity()).isEqualTo("rs1/ssh");
    assertThat(a.virtualService()).isEqualTo(ServiceKey.tcp("10.1.0.100", 22));
    assertThat(a.realServers()).containsExactly("10.1.0.11:22");
    assertThat(a.weight()).isEqualTo(OptionalInt.of(1));
    assertThat(a.forwarding()).contains(ForwardingMethod.ROUTE);
  }

  @Test
  void getoptsStyle_clusteredFlagsAndAttachedValues() throws Exception {
    LvsAlertArgs a = parse("-uB", "-Pudp", "-V[2001:db8::1]:53", "-Snq", "-Fnat", "-R", "a", "-R", "b:53");

    assertThat(a.event()).isEqualTo(Event.UP);
    assertThat(a.createService()).isTrue();
    assertThat(a.scheduler()).isEqualTo("nq");
    assertThat(a.virtualService()).isEqualTo(ServiceKey.udp("2001:db8::1", 53));
    assertThat(a.forwarding()).contains(ForwardingMethod.MASQ);
    assertThat(a.realServers()).containsExactly("a", "b:53");
  }

  @Test
  void events_disableWinsOverUp_ackAndTrapTimeoutDoNothing_trapIsDown() throws Exception {
    assertThat(parse("-V", "1.2.3.4:5", "-u", "-D").event()).isEqualTo(Event.DISABLE);
    assertThat(parse("-V", "1.2.3.4:5", "-a").event()).isEqualTo(Event.ACK);
    assertThat(parse("-V", "1.2.3.4:5", "-O").event()).isEqualTo(Event.TRAP_TIMEOUT);
    assertThat(parse("-V", "1.2.3.4:5", "-T").event()).isEqualTo(Event.DOWN);
    assertThat(parse("-V", "1.2.3.4:5").event()).isEqualTo(Event.DOWN);
    assertThat(parse("-V", "1.2.3.4:5").entity()).isEqualTo("lvs.alert");
  }

  @Test
  void fwmarks() throws Exception {
    assertThat(parse("-P", "fwm", "-V", "5").virtualService()).isEqualTo(ServiceKey.fwmark(5));
    assertThat(parse("-P", "FWM6", "-V", "4294967295").virtualService()).isEqualTo(ServiceKey.fwmark6(-1));
  }

  @Test
  void errors_nameTheOptionAndTheValue() {
    assertThatThrownBy(() -> parse("-P", "tcp")).hasMessageStartingWith("-V VIP:PORT (or -V MARK with -P fwm) is required");
    assertThatThrownBy(() -> parse("-V", "vip.example:22")).hasMessage(
        "-V \"vip.example\" is not an IPv4 or IPv6 address literal");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1")).hasMessageStartingWith("-V \"10.0.0.1\" is not ADDRESS:PORT");
    assertThatThrownBy(() -> parse("-P", "icmp", "-V", "10.0.0.1:22")).hasMessage("-P \"icmp\" is not tcp, udp, sctp, fwm or fwm6");
    assertThatThrownBy(() -> parse("-P", "fwm", "-V", "0")).hasMessage("-V \"0\" is not a firewall mark 1..4294967295 (with -P fwm)");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1:22", "-F", "bridge")).hasMessage("-F \"bridge\" is not dr, nat or tun");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1:22", "-W", "-1")).hasMessage("-W \"-1\" is not a weight 0..2147483647");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1:22", "-R", "a:b")).hasMessage("-R \"a:b\" has no port 0..65535 after the colon");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1:22", "-Q")).hasMessage("unknown option -Q");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1:22", "-W")).hasMessage("option -W needs a value");
    assertThatThrownBy(() -> parse("-V", "10.0.0.1:22", "root@localhost")).hasMessage(
        "unexpected argument \"root@localhost\"; lvs.alert takes options only");
  }

  @Test
  void targets_hostHostPortIpv6() {
    assertThat(Target.parse("login1")).isEqualTo(new Target("login1", 0, false));
    assertThat(Target.parse("login1:2222")).isEqualTo(new Target("login1", 2222, true));
    assertThat(Target.parse("10.0.0.5:22")).isEqualTo(new Target("10.0.0.5", 22, true));
    assertThat(Target.parse("[2001:db8::5]:22")).isEqualTo(new Target("2001:db8::5", 22, true));
    assertThat(Target.parse("2001:db8::5")).isEqualTo(new Target("2001:db8::5", 0, false));
    assertThatThrownBy(() -> Target.parse("[2001:db8::5")).hasMessageContaining("is not [IPV6]:PORT");
    assertThatThrownBy(() -> Target.parse("a,b")).hasMessageContaining("is not a host name or address");
  }
}
