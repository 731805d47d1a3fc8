package org.lvsmon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.balance.BalanceSpec;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.Settings;
import org.lvsmon.control.IpvsLine;
import org.lvsmon.control.IpvsView;
import org.lvsmon.control.MonClient;
import org.lvsmon.control.Reply;
import org.lvsmon.monitor.MonitorTimeout;

/**
 * The whole demo on a short timeline: the production daemon on conf/demo.cf against the simulated
 * nodes, judged only by what lvsmon produced: the weights its control port reports ({@code list
 * ipvs}, as {@code lvsmon status} reads them) and the mails the SMTP sink received.
 */
class DemoTest {
  private static final String DEAD = "127.0.0.12";
  private static final String LOADED = "127.0.0.13";
  private static final List<String> LIGHT = List.of("127.0.0.11", "127.0.0.14");
  /** conf/demo.cf's balance floor (the default). */
  private static final int FLOOR = 1;
  /** The most the story may take; it normally completes in about 15 s. */
  private static final Duration CAP = Duration.ofSeconds(40);

  /** Each frame's kernel weights by host, as {@code list ipvs} reported them; stops the demo once the story is told. */
  private static final class Frames implements Demo.StatusTable {
    final List<Map<String, Integer>> weights = new ArrayList<>();
    final AtomicReference<Demo> demo = new AtomicReference<>();

    @Override
    public String render(String host, int port) throws IOException {
      try (MonClient c = MonClient.connect(host, port, Duration.ofSeconds(5))) {
        Reply r = c.request("list ipvs");
        Map<String, Integer> frame = new HashMap<>();
        for (String line : r.data()) {
          IpvsView v = IpvsLine.parse(line);
          frame.put(v.host(), v.kernel());
        }
        weights.add(frame);
      }
      Demo d = demo.get();
      if (d != null && storyTold(weights, d.mails())) {
        d.stop();
      }
      return "";
    }
  }

  @Test
  void story_downMailOnce_weightZero_upMailOnce_slowStartFromFloor_loadedNodeWeighsLess() throws Exception {
    Script script = new Script(Script.FOUR_NODES, List.of(
        Script.loadTo(Duration.ofSeconds(3), "node3", 7.0, Duration.ofSeconds(2), "node3 gets busy"),
        Script.stop(Duration.ofSeconds(6), "node2"),
        Script.start(Duration.ofSeconds(11), "node2")));
    Frames frames = new Frames();
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Demo demo = Demo.start(setup(frames), script);
    Path dir = demo.directory();
    frames.demo.set(demo);
    List<MailSink.Received> mails;
    try {
      demo.run(CAP, new PrintStream(screen, true, StandardCharsets.UTF_8));
      mails = demo.mails();
    } finally {
      demo.close();
    }

    assertThat(dir).as("the temporary directory is removed").doesNotExist();
    String out = screen.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("node2's sshd stops now", "node2 is back", "Stopped at");
    assertThat(mails).as("mails received").extracting(MailSink.Received::subject)
        .satisfiesExactly(
            s -> assertThat(s).startsWith("ALERT login/load: " + DEAD + " ("),
            s -> assertThat(s).startsWith("UPALERT login/load: " + DEAD + " ("));
    assertThat(mails).allSatisfy(m -> assertThat(m.to()).isEqualTo("hpc-admins@example.org"));
    assertThat(deadThenSlowStart(series(frames.weights, DEAD))).as("%s's weights %s", DEAD, series(frames.weights, DEAD))
        .isTrue();
    assertThat(loadedBelowOthers(frames.weights)).as("frames %s", frames.weights).isTrue();
  }

  private static Demo.Setup setup(Frames frames) {
    KeywordRegistry keywords = new KeywordRegistry();
    MonitorTimeout.register(keywords);
    BalanceSpec.register(keywords);
    MailSettings.register(keywords);
    MonConfigParser parser = new MonConfigParser(keywords);
    Settings.BuiltinDirs builtins = new Settings.BuiltinDirs(Path.of("monitors").toAbsolutePath(),
        Path.of("alerts").toAbsolutePath());
    return new Demo.Setup(builtins, file -> parser.parse(file, null), frames, List::of, false, 0,
        Duration.ofMillis(100), Duration.ofMillis(200));
  }

  /** Both mails are in, the dead node came back and climbed, the loaded node was seen low. */
  private static boolean storyTold(List<Map<String, Integer>> weights, List<MailSink.Received> mails) {
    return mails.size() >= 2 && deadThenSlowStart(series(weights, DEAD)) && loadedBelowOthers(weights);
  }

  /** One host's weight in every frame where the kernel had it. */
  private static List<Integer> series(List<Map<String, Integer>> weights, String host) {
    return weights.stream().map(f -> f.getOrDefault(host, -1)).filter(w -> w >= 0).toList();
  }

  /** A weight above the floor, later 0, then the floor, then more than the floor. */
  private static boolean deadThenSlowStart(List<Integer> w) {
    int up = indexOf(w, 0, x -> x > FLOOR);
    int zero = up < 0 ? -1 : indexOf(w, up, x -> x == 0);
    int back = zero < 0 ? -1 : indexOf(w, zero, x -> x != 0);
    return back >= 0 && w.get(back) == FLOOR && indexOf(w, back, x -> x > FLOOR) >= 0;
  }

  /** Some frame where the loaded node is in service at less than half of each lightly loaded node's weight. */
  private static boolean loadedBelowOthers(List<Map<String, Integer>> weights) {
    return weights.stream().anyMatch(f -> f.getOrDefault(LOADED, -1) > 0
        && LIGHT.stream().allMatch(h -> f.getOrDefault(h, -1) > 2 * f.get(LOADED)));
  }

  private static int indexOf(List<Integer> w, int from, java.util.function.IntPredicate p) {
    for (int i = from; i < w.size(); i++) {
      if (p.test(w.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
