package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lvsmon.control.PasswordHashesTest.PASSWORD;
import static org.lvsmon.control.PasswordHashesTest.SHA512;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trap port over loopback UDP, with a recording sink. */
class TrapListenerTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  record Received(Trap trap, InetAddress from) {}

  private final BlockingQueue<Received> sink = new LinkedBlockingQueue<>();
  private final AtomicReference<AuthConfig> auth = new AtomicReference<>();
  private TrapListener listener;

  @AfterEach
  void close() {
    if (listener != null) {
      listener.close();
    }
  }

  private void start(String trapSection) throws Exception {
    auth.set(AuthConfig.parse("trap section\n" + trapSection, Path.of("auth.cf")));
    listener = TrapListener.start(LOOPBACK, auth::get, (t, from) -> sink.add(new Received(t, from)), new StepClock());
  }

  private void send(byte[] datagram) throws IOException {
    try (DatagramChannel c = DatagramChannel.open()) {
      c.send(ByteBuffer.wrap(datagram), listener.localAddress());
    }
  }

  private static byte[] trap(String user, String password, String group, int retval) {
    return MonClientTrap.datagram(user, password, MonClientTrap.FAIL, group, "http", retval, 1795310970L,
        "down", "refused");
  }

  private Received next() throws InterruptedException {
    return sink.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void authorizedTrap_reachesTheSink_withTheSendersAddress() throws Exception {
    start("127.0.0.1 alice " + SHA512 + "\n");
    send(trap("alice", PASSWORD, "web", 1));
    Received r = next();
    assertThat(r).isNotNull();
    assertThat(r.trap().group()).isEqualTo("web");
    assertThat(r.trap().exitValue()).isEqualTo(1);
    assertThat(r.trap().output()).isEqualTo("down\n\nrefused");
    assertThat(r.from()).isEqualTo(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void rejectedAndGarbageDatagrams_areDropped_andTheListenerGoesOn() throws Exception {
    start("127.0.0.1 alice " + SHA512 + "\n");
    send(trap("alice", "wrong", "bad-password", 1));
    send(trap("mallory", PASSWORD, "unknown-user", 1));
    send("\0\1\2garbage\nwith=lines\n".getBytes(StandardCharsets.ISO_8859_1));
    send(new byte[0]);
    send("pro='0.1'\nsta='0'\n".getBytes(StandardCharsets.US_ASCII));
    send(trap("alice", PASSWORD, "after", 0));
    assertThat(next().trap().group()).isEqualTo("after");
    assertThat(sink).isEmpty();
  }

  @Test
  void reloadedAuth_takesEffectForTheNextTrap() throws Exception {
    start("127.0.0.1 bob " + SHA512 + "\n");
    send(trap("alice", PASSWORD, "before", 1));
    send(trap("bob", PASSWORD, "bob", 1)); // handled after alice's: one thread, in order
    assertThat(next().trap().group()).isEqualTo("bob");
    auth.set(AuthConfig.parse("trap section\n* * x\n", Path.of("auth.cf")));
    send(trap("alice", PASSWORD, "after", 1));
    assertThat(next().trap().group()).isEqualTo("after");
    assertThat(sink).isEmpty();
  }

  @Test
  void aFullSizeUdpDatagram_arrivesWhole() throws Exception {
    start("* * x\n");
    String head = "pro='0.3807'\nsta='0'\ngrp='big'\ndtl='";
    int max = 65507; // the largest IPv4 UDP payload
    String detail = "d".repeat(max - head.length() - 2);
    send((head + detail + "'\n").getBytes(StandardCharsets.US_ASCII));
    Received r = next();
    assertThat(r).isNotNull();
    assertThat(r.trap().detail()).hasSize(detail.length());
  }

  @Test
  void aThrowingSink_isLogged_andTheNextTrapStillArrives() throws Exception {
    auth.set(AuthConfig.parse("trap section\n* * x\n", Path.of("auth.cf")));
    listener = TrapListener.start(LOOPBACK, auth::get, (t, from) -> {
      if (t.group().equals("boom")) {
        throw new IllegalStateException("engine bug");
      }
      sink.add(new Received(t, from));
    }, new StepClock());
    send(trap("", "", "boom", 1));
    send(trap("", "", "fine", 1));
    assertThat(next().trap().group()).isEqualTo("fine");
  }

  @Test
  void close_stopsPromptly_andFreesThePort() throws Exception {
    start("* * x\n");
    InetSocketAddress bound = listener.localAddress();
    long t0 = System.nanoTime();
    listener.close();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("lvsmon-traps") && t.isAlive());
    listener = TrapListener.start(bound, auth::get, (t, from) -> {}, new StepClock());
    listener.close();
  }

  @Test
  void aTakenPort_isAnErrorNamingTheAddress() throws Exception {
    start("");
    InetSocketAddress bound = listener.localAddress();
    assertThatThrownBy(() -> TrapListener.start(bound, auth::get, (t, from) -> {}, new StepClock()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot bind the trap port " + bound);
  }
}
