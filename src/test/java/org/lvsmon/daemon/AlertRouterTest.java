package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;

/** lvsmon's own lvs.alert runs in-process against the daemon's IPVS backend; every other alert is forked. */
class AlertRouterTest {
  @TempDir Path dir;

  private static AlertCall call(String name, String stdin, String... args) {
    return new AlertCall(AlertType.FAILURE, null, new ServiceRef("login", "ssh"), "wd {Sun-Sat}",
        new CommandLine(name, List.of(args), String.join(" ", args)), List.of("10.0.0.1", "10.0.0.2"),
        Instant.ofEpochSecond(1795311202), stdin, Map.of());
  }

  @Test
  void lvsAlertScript_runsInProcess_onTheFailingHostsOfStdin_andOtherAlertsAreForked() throws Exception {
    Files.copy(Path.of("alerts/lvs.alert"), dir.resolve("lvs.alert"));
    Files.writeString(dir.resolve("mail.alert"), "#!/bin/sh\nexit 0\n");
    ServiceKey vip = new ServiceKey.Endpoint(Protocol.TCP, InetAddress.getByName("10.99.0.1"), 22);
    List<String> forked = new CopyOnWriteArrayList<>();
    try (MemoryIpvs ipvs = new MemoryIpvs()) {
      ipvs.addService(VirtualService.of(vip, "wlc"));
      for (int i = 1; i <= 2; i++) {
        ipvs.addRealServer(vip, RealServer.of(new InetSocketAddress(InetAddress.getByName("10.0.0." + i), 22),
            ForwardingMethod.ROUTE, 50));
      }
      AlertRouter router = new AlertRouter(c -> forked.add(c.command().name()), List.of(dir), ipvs, () -> {
        throw new AssertionError("the shared backend is used");
      });

      boolean lvs = router.send(call("lvs.alert", "10.0.0.2\n\n10.0.0.2 refused\n", "-P", "tcp", "-V", "10.99.0.1:22"));
      boolean mail = router.send(call("mail.alert", "10.0.0.2\n", "root"));
      router.close(); // waits for the in-process alert

      assertThat(lvs).isTrue();
      assertThat(mail).isTrue();
      assertThat(forked).containsExactly("mail.alert");
      assertThat(ipvs.realServers(vip)).extracting(r -> r.address().getHostAddress() + "=" + r.weight())
          .containsExactlyInAnyOrder("10.0.0.1=50", "10.0.0.2=0");
    }
  }
}
