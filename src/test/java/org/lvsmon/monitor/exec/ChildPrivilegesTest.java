package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildPrivilegesTest {
  private static final Optional<Path> SETPRIV = Optional.of(Path.of("/usr/bin/setpriv"));
  private static final String NONE = "0000000000000000";
  private static final String NET_ADMIN = "0000000000001000"; // bit 12

  private static String status(String uid, String inh, String eff, String amb) {
    return "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\n"
        + "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n"
        + "Gid:\t998\t998\t998\t998\n"
        + "CapInh:\t" + inh + "\nCapPrm:\t" + eff + "\nCapEff:\t" + eff + "\nCapBnd:\t000001ffffffffff\n"
        + "CapAmb:\t" + amb + "\nNoNewPrivs:\t0\n";
  }

  @Test
  void unprivilegedUser_childrenRunUnchanged() {
    assertThat(ChildPrivileges.fromStatus(status("998", NONE, NONE, NONE), SETPRIV).prefix()).isEmpty();
  }

  @Test
  void systemdAmbientNetAdmin_startingThreadsEmptyTheirSets_withoutSetpriv() {
    // User=lvsmon with AmbientCapabilities=CAP_NET_ADMIN, as the packaging runs the daemon
    ChildPrivileges p = ChildPrivileges.fromStatus(status("998", NET_ADMIN, NET_ADMIN, NET_ADMIN), Optional.empty());
    assertThat(p.prefix()).isEmpty();
    assertThat(p.clearsThreadSets()).isTrue();
    assertThat(p.dropsCapabilities()).isTrue();
  }

  @Test
  void nonRootWithEffectiveOnly_isClearedToo_sinceItCouldRaiseItsInheritableSet() {
    assertThat(ChildPrivileges.fromStatus(status("998", NONE, NET_ADMIN, NONE), SETPRIV).clearsThreadSets()).isTrue();
  }

  @Test
  void root_dropsEverythingWithSetpriv_evenWithEmptySets() {
    // root regains its bounding set on execve, whatever its own sets hold
    ChildPrivileges p = ChildPrivileges.fromStatus(status("0", NONE, NONE, NONE), SETPRIV);
    assertThat(p.prefix())
        .containsExactly("/usr/bin/setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--");
    assertThat(p.clearsThreadSets()).isFalse();
  }

  @Test
  void unreadableCapabilityLines_countAsPresent() {
    assertThat(ChildPrivileges.fromStatus("Name:\tjava\nUid:\t998\t998\t998\t998\n", SETPRIV).dropsCapabilities()).isTrue();
    assertThat(ChildPrivileges.fromStatus(status("998", "zz", NONE, NONE), SETPRIV).dropsCapabilities()).isTrue();
  }

  @Test
  void unreadableUidLine_countsAsRoot() {
    assertThat(ChildPrivileges.fromStatus("Name:\tjava\nCapInh:\t" + NONE + "\n", SETPRIV).prefix()).isNotEmpty();
  }

  @Test
  void rootButNoSetpriv_refusesAndNamesTheTool() {
    assertThatThrownBy(() -> ChildPrivileges.fromStatus(status("0", NONE, NET_ADMIN, NONE), Optional.empty()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("setpriv");
  }

  @Test
  void noCapabilitiesAndNoSetpriv_isFine() {
    assertThat(ChildPrivileges.fromStatus(status("998", NONE, NONE, NONE), Optional.empty()).dropsCapabilities()).isFalse();
    assertThat(ChildPrivileges.fromStatus(status("998", NONE, NONE, NONE), Optional.empty()).clearsThreadSets()).isFalse();
  }
}
