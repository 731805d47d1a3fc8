package org.lvsmon.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a mon.cf into a {@link MonConfig}, as mon 1.3.x reads it. A file whose name ends in {@code .m4}
 * (or any file, when an m4 program is given, as with mon's {@code -M}) is first run through m4. Safe
 * to share between threads once its {@link KeywordRegistry} is complete.
 */
public final class MonConfigParser {
  /** Longest config lvsmon reads; a bigger file is almost certainly not a mon.cf. */
  public static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

  private static final long M4_TIMEOUT_SECONDS = 30;

  private final KeywordRegistry keywords;

  public MonConfigParser(KeywordRegistry keywords) {
    this.keywords = keywords;
  }

  /** A parser for mon's own keywords only. */
  public MonConfigParser() {
    this(new KeywordRegistry());
  }

  /**
   * Parses {@code file}. {@code m4} is the m4 program to preprocess with, or null to use {@code m4}
   * only when the name ends in {@code .m4}.
   *
   * @throws ConfigException with every problem found, each as FILE:LINE: message
   */
  public MonConfig parse(Path file, String m4) throws ConfigException {
    boolean viaM4 = m4 != null || file.getFileName().toString().endsWith(".m4");
    String content = viaM4 ? runM4(file, m4 == null || m4.isEmpty() ? "m4" : m4) : read(file);
    return parse(content, file);
  }

  /** Parses config text; {@code file} only names it in problems. Does no I/O. */
  public MonConfig parse(String content, Path file) throws ConfigException {
    return new ConfigParse(file, keywords).parse(content);
  }

  private static String read(Path file) throws ConfigException {
    try {
      long size = Files.size(file);
      if (size > MAX_CONFIG_BYTES) {
        throw fileProblem(file, "config file is " + size + " bytes, more than the limit of " + MAX_CONFIG_BYTES, null);
      }
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw fileProblem(file, "cannot read config file: " + describe(e), e);
    }
  }

  private static String runM4(Path file, String m4) throws ConfigException {
    if (!Files.isReadable(file)) {
      throw fileProblem(file, "cannot read config file", null);
    }
    Path errors = null;
    Process p = null;
    try {
      errors = Files.createTempFile("lvsmon-m4", ".err");
      p = new ProcessBuilder(List.of(m4, file.toString()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectError(errors.toFile())
          .start();
      InputStream out = p.getInputStream();
      // read in the background so a hung m4 cannot block us past the deadline
      CompletableFuture<byte[]> text = CompletableFuture.supplyAsync(() -> readLimited(out));
      if (!p.waitFor(M4_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw fileProblem(file, "m4 did not finish within " + M4_TIMEOUT_SECONDS + " s", null);
      }
      byte[] bytes = text.get(M4_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw fileProblem(file, "m4 output exceeds the limit of " + MAX_CONFIG_BYTES + " bytes", null);
      }
      if (p.exitValue() != 0) {
        String why = Files.readString(errors, StandardCharsets.UTF_8).strip();
        throw fileProblem(file, "m4 failed with exit status " + p.exitValue() + ": " + why, null);
      }
      return new String(bytes, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw fileProblem(file, "cannot run m4 program \"" + m4 + "\" (is m4 installed?): " + describe(e), e);
    } catch (ExecutionException | TimeoutException e) {
      throw fileProblem(file, "reading m4 output failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fileProblem(file, "interrupted while running m4", e);
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      if (errors != null) {
        errors.toFile().delete();
      }
    }
  }

  private static byte[] readLimited(InputStream in) {
    try (in) {
      return in.readNBytes((int) MAX_CONFIG_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static ConfigException fileProblem(Path file, String message, Throwable cause) {
    return new ConfigException(new ConfigProblem(ConfigProblem.Kind.ERROR, file, 0, message), cause);
  }
}
