package org.lvsmon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values of lvsmon's own mon.cf keywords, keyed by {@link Key}, so that a feature can register its
 * keywords and read back a typed value without the config model knowing every feature. Immutable.
 */
public final class Extensions {
  public static final Extensions EMPTY = new Extensions(Map.of());

  private final Map<Key<?>, Object> values;

  private Extensions(Map<Key<?>, Object> values) {
    this.values = values;
  }

  /** A typed key for one extension value; keys compare by identity. */
  public static final class Key<T> {
    private final String name;
    private final Class<T> type;

    public Key(String name, Class<T> type) {
      this.name = name;
      this.type = type;
    }

    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A value whose keyword may be given more than once in a block: each later line is {@link #plus
   * added} to the earlier ones instead of replacing them (as {@code alert} lines add up in mon).
   */
  public interface Repeatable<T extends Repeatable<T>> {
    /** This value with {@code later}'s added after it. */
    T plus(T later);
  }

  /**
   * A value that names alert programs (e.g. {@code failstaticalert}), so that the environment
   * check looks for them on the alert path as for mon's own alert lines.
   */
  public interface NamesAlerts {
    java.util.List<String> alertNames();
  }

  /** Every alert program named by a value here ({@link NamesAlerts}), in order. */
  public java.util.List<String> alertNames() {
    return values.values().stream().filter(NamesAlerts.class::isInstance)
        .flatMap(v -> ((NamesAlerts) v).alertNames().stream()).toList();
  }

  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable(key.type.cast(values.get(key)));
  }

  /** Every value by key name, for display and JSON. */
  public Map<String, Object> byName() {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k.name, v));
    return Collections.unmodifiableMap(m);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Collects values while a block is parsed. Not thread-safe. */
  static final class Builder {
    private final Map<Key<?>, Object> values = new LinkedHashMap<>();

    /** Stores {@code value}; a {@link Repeatable} is added to the value already stored, if any. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> void put(Key<T> key, T value) {
      Object before = values.get(key);
      if (before instanceof Repeatable r && value instanceof Repeatable) {
        values.put(key, key.type.cast(r.plus((Repeatable) value)));
      } else {
        values.put(key, key.type.cast(value));
      }
    }

    <T> Optional<T> get(Key<T> key) {
      return Optional.ofNullable(key.type.cast(values.get(key)));
    }

    Extensions build() {
      return values.isEmpty() ? EMPTY : new Extensions(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
  }
}
