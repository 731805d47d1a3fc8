package org.lvsmon.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves the host names of auth.cf's trap section when traps arrive, bounded: each name is looked
 * up at most once per {@code ttl} (failures too), a caller waits at most {@code timeout} for a
 * lookup (and then gets no addresses, while the lookup goes on for the next trap), and at most
 * {@value #MAX_NAMES} names are remembered. mon resolves each name once, when it reads auth.cf.
 * Thread-safe.
 */
final class TrapHosts {
  static final int MAX_NAMES = 256;

  /** A name lookup, {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] all(String name) throws UnknownHostException;
  }

  private record Entry(CompletableFuture<Set<InetAddress>> addresses, Instant started) {}

  private final Lookup lookup;
  private final Executor executor;
  private final InstantSource clock;
  private final Duration ttl;
  private final Duration timeout;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  TrapHosts(Lookup lookup, Executor executor, InstantSource clock, Duration ttl, Duration timeout) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The addresses of {@code name}; empty if it does not resolve, or not within the timeout. */
  Set<InetAddress> addresses(String name) {
    Instant now = clock.instant();
    if (cache.size() >= MAX_NAMES && !cache.containsKey(name)) {
      cache.clear();
    }
    try {
      Entry e = cache.compute(name, (n, old) -> old == null
          || (old.addresses().isDone() && !now.isBefore(old.started().plus(ttl))) ? start(n, now) : old);
      return e.addresses().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException | RejectedExecutionException ex) {
      return Set.of();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }

  private Entry start(String name, Instant now) {
    return new Entry(CompletableFuture.supplyAsync(() -> {
      try {
        return Set.copyOf(Arrays.asList(lookup.all(name)));
      } catch (UnknownHostException ex) {
        return Set.<InetAddress>of();
      }
    }, executor), now);
  }
}
