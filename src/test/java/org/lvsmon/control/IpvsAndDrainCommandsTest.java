package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lvsmon.control.Fixture.ref;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lvsmon's {@code list ipvs}, {@code list drained}, {@code drain} and {@code undrain}. */
class IpvsAndDrainCommandsTest {
  private final Client client = Client.lab();
  private final RecordingMonServer server = client.server;

  static final IpvsView NODE1 = new IpvsView("tcp:10.99.203.43:22", "10.0.0.11:22", "node1", ref("login", "ssh"), 37,
      37, 3, 1, 0.4249, 8, "up", "load 0.42/cpu", false);
  static final IpvsView NODE2 = new IpvsView("udp:[fd00::1]:53", "[fd00::12]:53", "node2", ref("web", "load"), -1,
      -1, -1, -1, -1, 0, "unknown", null, false);
  static final IpvsView NODE3 = new IpvsView("fwmark:7", "10.0.0.13:0", "node3", ref("login", "load"), 0, 0, 12, 40,
      1.5, 4, "drained", "drained: kernel \"upgrade\" \\ now", true);

  static final String NODE1_LINE = "vs=tcp:10.99.203.43:22 rs=10.0.0.11:22 host=node1 group=login service=ssh"
      + " desired=37 kernel=37 active=3 inactive=1 load1=0.42 cpus=8 state=up drained=0 reason=load\\200.42/cpu";
  static final String NODE2_LINE = "vs=udp:[fd00::1]:53 rs=[fd00::12]:53 host=node2 group=web service=load"
      + " desired= kernel= active= inactive= load1= cpus= state=unknown drained=0 reason=";
  static final String NODE3_LINE = "vs=fwmark:7 rs=10.0.0.13:0 host=node3 group=login service=load"
      + " desired=0 kernel=0 active=12 inactive=40 load1=1.50 cpus=4 state=drained drained=1"
      + " reason=drained:\\20kernel\\20\\22upgrade\\22\\20\\\\\\20now";

  @Test
  void listIpvs_oneEscapedLinePerRealServer_unknownNumbersEmpty() {
    server.ipvs.addAll(java.util.List.of(NODE1, NODE2, NODE3));
    assertThat(client.send("list ipvs")).containsExactly(NODE1_LINE, NODE2_LINE, NODE3_LINE,
        "220 list ipvs completed");
  }

  @Test
  void listIpvs_nothingBalanced_isAnEmptyList() {
    assertThat(client.send("list ipvs")).containsExactly("220 list ipvs completed");
  }

  @Test
  void listIpvs_withView_onlyTheServicesTheViewShows() {
    server.ipvs.addAll(java.util.List.of(NODE1, NODE2, NODE3));
    client.send("setview ops"); // web, login:ssh
    assertThat(client.send("list ipvs")).containsExactly(NODE1_LINE, NODE2_LINE, "220 list ipvs completed");
    client.send("setview empty");
    assertThat(client.send("list ipvs")).containsExactly("220 list ipvs completed");
  }

  @Test
  void ipvsLine_parsesBackWhatItWrote_exceptMonsDoubledBackslash() {
    assertThat(IpvsLine.parse(NODE2_LINE)).isEqualTo(new IpvsView("udp:[fd00::1]:53", "[fd00::12]:53", "node2",
        ref("web", "load"), -1, -1, -1, -1, -1, 0, "unknown", "", false));
    IpvsView node1 = IpvsLine.parse(NODE1_LINE);
    assertThat(node1.load1()).isEqualTo(0.42);
    assertThat(node1.reason()).isEqualTo("load 0.42/cpu");
    assertThat(IpvsLine.parse(NODE3_LINE).reason()).isEqualTo("drained: kernel \"upgrade\" \\\\ now");
    assertThat(IpvsLine.parse(NODE3_LINE + " weight_floor=3").drained()).isTrue();
  }

  @Test
  void ipvsLine_missingFieldOrBadNumber_namesIt() {
    assertThatThrownBy(() -> IpvsLine.parse("vs=fwmark:7 rs=x host=h group=g state=up"))
        .hasMessageContaining("no service= field");
    assertThatThrownBy(() -> IpvsLine.parse(NODE1_LINE.replace("active=3", "active=three")))
        .hasMessageContaining("active=three is not a whole number");
  }

  @Test
  void drain_plainRestOfLine_isTheReason() {
    server.ipvs.add(NODE1);
    assertThat(client.send("drain node1 kernel upgrade, back at 14:00  ")).containsExactly("220 drain completed");
    assertThat(server.calls).containsExactly("drain node1 by null: kernel upgrade, back at 14:00");
    assertThat(client.send("list drained")).containsExactly("host=node1 reason=kernel\\20upgrade,\\20back\\20at\\2014:00",
        "220 list drained completed");
  }

  @Test
  void drain_quotedEscapedWord_asMonClientSendsAck() {
    server.ipvs.add(NODE1);
    assertThat(client.send("drain node1 'it\\27s\\20\\22done\\22'")).containsExactly("220 drain completed");
    assertThat(server.drained).containsEntry("node1", "it's \"done\"");
    assertThat(client.send("drain node1 \"two words\" ignored")).containsExactly("220 drain completed");
    assertThat(server.drained).containsEntry("node1", "two words");
  }

  @Test
  void drain_withoutReason_isEmptyReason() {
    server.ipvs.add(NODE1);
    assertThat(client.send("DRAIN node1")).containsExactly("220 drain completed");
    assertThat(client.send("list drained")).containsExactly("host=node1 reason=", "220 list drained completed");
  }

  @Test
  void drain_hostThatIsNoRealServer_isError() {
    server.ipvs.add(NODE1);
    assertThat(client.send("drain web3.example maintenance")).containsExactly(
        "520 drain error, web3.example is not a real server of any balance service");
    assertThat(client.send("drain")).containsExactly("520 drain error, host required");
    assertThat(server.drained).isEmpty();
  }

  @Test
  void undrain_drainedHost_thenNotDrainedAnyMore() {
    server.ipvs.add(NODE1);
    client.send("drain node1 x");
    assertThat(client.send("undrain node1")).containsExactly("220 undrain completed");
    assertThat(client.send("undrain node1")).containsExactly("520 undrain error, node1 is not drained");
    assertThat(client.send("undrain")).containsExactly("520 undrain error, host required");
    assertThat(client.send("list drained")).containsExactly("220 list drained completed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"drain node1 x", "undrain node1"})
  void drainAndUndrain_notInAuthCf_areRefused_evenAfterLogin(String line) {
    RecordingMonServer debian = new RecordingMonServer(Fixture.MON_CONFIG, Fixture.auth(Fixture.debianAuthCf()));
    debian.ipvs.add(NODE1);
    Client c = new Client(debian, (user, pass, host) -> true);
    assertThat(c.send(line)).containsExactly("520 command could not be executed, unknown command");
    c.send("login alice pw");
    assertThat(c.send(line)).containsExactly("520 command could not be executed, unknown command");
    assertThat(c.send("checkauth drain")).containsExactly("520 command could not be executed");
    assertThat(c.send("list ipvs")).containsExactly(NODE1_LINE, "220 list ipvs completed");
    assertThat(debian.calls).isEmpty();
  }

  @Test
  void drain_listedInAuthCf_runsForThatUserOnly() {
    server.ipvs.add(NODE1);
    server.auth = Fixture.auth("drain: AUTH_ANY\nundrain: alice\n");
    Client c = new Client(server, (user, pass, host) -> true);
    assertThat(c.send("drain node1 x")).containsExactly("520 command could not be executed, unknown command");
    c.send("login bob pw");
    assertThat(c.send("drain node1 x")).containsExactly("220 drain completed");
    assertThat(c.send("undrain node1")).containsExactly("520 command could not be executed, unknown command");
    assertThat(server.calls).containsExactly("drain node1 by bob: x");
  }

  @Test
  void unknownWordsStartingLikeDrain_areInvalid() {
    assertThat(client.send("drainx node1")).containsExactly("520 invalid command");
    assertThat(client.send("undrained node1")).containsExactly("520 invalid command");
  }
}
