package org.lvsmon.alert.mail.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.lvsmon.alert.mail.MailDelivery;
import org.lvsmon.alert.mail.MailMessage;
import org.lvsmon.alert.mail.MailSender;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.alert.mail.Outbox;
import org.lvsmon.daemon.bench.Distribution;

/**
 * Issue 7's benchmark, run by hand (test-fixtures/bench/mail.sh): this disk's fsync latency, the
 * outbox's enqueue latency (write, fsync, rename, directory fsync) for ALERTS mails while the relay
 * is down, then the time the delivery thread takes to drain them into GreenMail (in-process, on
 * loopback) and mails per second.
 *
 * <p>usage: MailBench [--alerts 10000] [--fsyncs 1000] [--dir DIR (default target/mail-bench)]
 */
public final class MailBench {
  private MailBench() {}

  public static void main(String[] argv) throws Exception {
    int alerts = 10_000;
    int fsyncs = 1_000;
    Path dir = Path.of("target/mail-bench");
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--alerts" -> alerts = Integer.parseInt(argv[++i]);
        case "--fsyncs" -> fsyncs = Integer.parseInt(argv[++i]);
        case "--dir" -> dir = Path.of(argv[++i]);
        default -> throw new IllegalArgumentException("unknown option " + argv[i] + " (--alerts N, --fsyncs N, --dir DIR)");
      }
    }
    delete(dir);
    Files.createDirectories(dir);
    System.out.println("# disk: " + Files.getFileStore(dir) + " (" + Files.getFileStore(dir).type() + "), dir " + dir);
    fsync(dir, fsyncs);
    Outbox outbox = new Outbox(dir.resolve("outbox"), "bench", Clock.systemUTC(), Duration.ofHours(24));
    enqueue(outbox, alerts);
    drain(outbox, alerts);
    delete(dir);
  }

  /**
   * N times: a 1 KiB rewrite of one file + fsync, then an fsync of its directory; then N new files of
   * 1 KiB each created and fsync'd (what an enqueue's file costs, without the rename and directory).
   */
  private static void fsync(Path dir, int n) throws IOException {
    long[] file = new long[n];
    long[] directory = new long[n];
    ByteBuffer block = ByteBuffer.allocate(1024);
    Path f = dir.resolve("fsync-probe");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      for (int i = 0; i < n; i++) {
        block.clear();
        long t0 = System.nanoTime();
        ch.write(block, 0);
        ch.force(true);
        long t1 = System.nanoTime();
        d.force(true);
        long t2 = System.nanoTime();
        file[i] = (t1 - t0) / 1000;
        directory[i] = (t2 - t1) / 1000;
      }
    }
    Files.delete(f);
    long[] created = new long[n];
    for (int i = 0; i < n; i++) {
      Path p = dir.resolve("fsync-new-" + i);
      block.clear();
      long t0 = System.nanoTime();
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(block);
        ch.force(true);
      }
      created[i] = (System.nanoTime() - t0) / 1000;
      Files.delete(p);
    }
    System.out.println("fsync of a 1 KiB rewrite   " + new Distribution(file, n).summary());
    System.out.println("fsync of the directory     " + new Distribution(directory, n).summary());
    System.out.println("new 1 KiB file + fsync     " + new Distribution(created, n).summary());
  }

  /**
   * N enqueues, each beside (alternating, same disk, same moment) the bare durable create it is built
   * on: a new 1.5 KiB file written and fsync'd under a temporary name, renamed, its directory fsync'd.
   * 200 of each first, not counted (class loading and JIT: the daemon is warm).
   */
  private static void enqueue(Outbox outbox, int n) throws IOException {
    Path raw = outbox.directory().resolveSibling("raw");
    Files.createDirectories(raw);
    int warm = 200;
    Outbox warmup = new Outbox(outbox.directory().resolveSibling("warmup"), "bench", Clock.systemUTC(),
        Duration.ofHours(24));
    for (int i = 0; i < warm; i++) {
      warmup.enqueue(mail(i));
      bareCreate(raw, -1 - i);
    }
    long[] micros = new long[n];
    long[] bare = new long[n];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      MailMessage m = mail(i);
      long t0 = System.nanoTime();
      outbox.enqueue(m);
      micros[i] = (System.nanoTime() - t0) / 1000;
      t0 = System.nanoTime();
      bareCreate(raw, i);
      bare[i] = (System.nanoTime() - t0) / 1000;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.println("bare durable create (tmp+fsync+rename+dir fsync) " + new Distribution(bare, n).summary());
    System.out.println("enqueue (write+fsync+rename+dir fsync) " + new Distribution(micros, n).summary());
    System.out.printf(Locale.ROOT, "enqueued %d alerts in %.2f s (relay down, nothing delivered; with the bare creates"
        + " between them)%n", n, secs);
  }

  private static MailMessage mail(int i) {
    return new MailMessage(Optional.of("lvsmon@bench"), List.of("ops@example.com"),
        "ALERT login/ssh" + i + ": node" + i + " (Sun Nov 22 01:33:22)",
        "\nGroup                 : login\nService               : ssh" + i + "\n...\nnode" + i + ": refused\n",
        Instant.now());
  }

  private static void bareCreate(Path dir, int i) throws IOException {
    Path tmp = dir.resolve(".f" + i);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(1536));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve("f" + i), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void drain(Outbox outbox, int n) throws Exception {
    GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    MailSettings s = new MailSettings("127.0.0.1", g.getSmtp().getPort(), MailSettings.Security.NONE, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("bench"), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofHours(24));
    try (MailDelivery d = new MailDelivery(outbox, new MailSender(s, "root@bench", new Properties()),
        Clock.systemUTC())) {
      long start = System.nanoTime();
      d.start();
      // polled at 20 ms: asking GreenMail for its mails after each arrival would cost more than the drain
      while (!isEmpty(outbox.directory())) {
        LockSupport.parkNanos(20_000_000);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      int got = g.getReceivedMessages().length;
      System.out.printf(Locale.ROOT, "drain: %d mails delivered (GreenMail holds %d) in %.2f s: %.0f mails/s%n", n, got,
          secs, n / secs);
    } finally {
      g.stop();
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.noneMatch(p -> p.getFileName().toString().endsWith(".mail"));
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
