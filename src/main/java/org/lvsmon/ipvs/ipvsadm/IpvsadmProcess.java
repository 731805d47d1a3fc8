package org.lvsmon.ipvs.ipvsadm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the ipvsadm program with {@link ProcessBuilder}: no shell, the caller's environment, stdout
 * and stderr read apart, each run bounded by a time limit after which it is killed (SIGKILL).
 * Deliberately not the monitor launcher: that one strips capabilities from children, and ipvsadm
 * needs CAP_NET_ADMIN. Thread-safe; {@link #close()} stops its I/O threads.
 */
public final class IpvsadmProcess implements IpvsadmRunner, AutoCloseable {
  /** Where Debian and most distributions install it, before PATH is searched. */
  public static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/sbin/ipvsadm"), Path.of("/sbin/ipvsadm"));
  /** At most this much of one output stream is kept (a listing of 100,000 real servers is about 8 MB). */
  static final int OUTPUT_LIMIT = 64 << 20;
  private static final Duration DRAIN = Duration.ofSeconds(2);

  private final Path program;
  private final Duration timeout;
  private final ExecutorService io;

  public IpvsadmProcess(Path program, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("ipvsadm timeout must be positive, not " + timeout);
    }
    this.program = program;
    this.timeout = timeout;
    AtomicInteger n = new AtomicInteger();
    this.io = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lvsmon-ipvsadm-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The first executable ipvsadm in {@link #USUAL_PLACES}, then on {@code path} (PATH's value, may be null). */
  public static Optional<Path> find(String path) {
    List<Path> candidates = new ArrayList<>(USUAL_PLACES);
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "ipvsadm"));
        }
      }
    }
    return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
  }

  @Override
  public String program() {
    return program.toString();
  }

  @Override
  public Output run(List<String> args, String stdin) throws IOException, TimedOut, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(program.toString());
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p = pb.start();
    Future<?> writer = stdin == null ? null : io.submit(() -> write(p.getOutputStream(), stdin));
    Future<String> out = io.submit(() -> read(p.getInputStream()));
    Future<String> err = io.submit(() -> read(p.getErrorStream()));
    if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      p.destroyForcibly();
      p.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
      throw new TimedOut("ipvsadm " + String.join(" ", args) + " still ran after " + timeout.toMillis()
          + " ms (the ipvsadm time limit); killed it", timeout);
    }
    if (writer != null) {
      result(writer);
    }
    return new Output(p.exitValue(), result(out), result(err));
  }

  @Override
  public void close() {
    io.shutdownNow();
  }

  private static <T> T result(Future<T> f) throws IOException, InterruptedException {
    try {
      return f.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof UncheckedIOException u ? u.getCause() : new IOException(c.getMessage(), c);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new IOException("ipvsadm ended, but its output did not (a child of it holds the pipe?)", e);
    }
  }

  private static Void write(OutputStream s, String text) {
    try (s) {
      s.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // ipvsadm stopped reading (it failed early): its exit status and stderr say why
    }
    return null;
  }

  private static String read(InputStream s) {
    try (s) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = s.read(chunk)) > 0) {
        if (buf.size() + n > OUTPUT_LIMIT) {
          throw new IOException("ipvsadm wrote more than " + OUTPUT_LIMIT + " bytes on one stream (the output limit)");
        }
        buf.write(chunk, 0, n);
      }
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
