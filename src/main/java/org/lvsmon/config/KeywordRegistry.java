package org.lvsmon.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keywords the parser accepts: mon's own, plus lvsmon's extensions, which each feature registers
 * with a typed {@link Extensions.Key} so that the config model need not know every feature. Register
 * everything at start-up, before the first parse; not thread-safe while registering.
 */
public final class KeywordRegistry {
  /** Where a keyword may appear. */
  public enum Scope {
    /** {@code name = value} outside watches. */
    GLOBAL,
    /** Inside a service, before its first period. */
    SERVICE,
    /** Inside a period. */
    PERIOD
  }

  record Extension<T>(String keyword, Extensions.Key<T> key, ExtensionParser<T> parser) {}

  final Map<String, MonGlobalKeywords.Handler> globals = MonGlobalKeywords.all();
  final Map<String, MonServiceKeywords.Handler> services = MonServiceKeywords.all();
  final Map<String, MonPeriodKeywords.Handler> periods = MonPeriodKeywords.all();
  private final Map<Scope, Map<String, Extension<?>>> extensions = new EnumMap<>(Scope.class);

  /** A registry with mon 1.3.x's keywords only. */
  public KeywordRegistry() {
    for (Scope s : Scope.values()) {
      extensions.put(s, new LinkedHashMap<>());
    }
  }

  /**
   * Adds one of lvsmon's keywords.
   *
   * @throws IllegalArgumentException if the keyword is mon's or already registered in that scope
   */
  public <T> KeywordRegistry register(
      Scope scope, String keyword, Extensions.Key<T> key, ExtensionParser<T> parser) {
    if (isMonKeyword(scope, keyword) || extensions.get(scope).containsKey(keyword)) {
      throw new IllegalArgumentException(
          "keyword \"" + keyword + "\" is already defined in scope " + scope);
    }
    extensions.get(scope).put(keyword, new Extension<>(keyword, key, parser));
    return this;
  }

  Optional<Extension<?>> extension(Scope scope, String keyword) {
    return Optional.ofNullable(extensions.get(scope).get(keyword));
  }

  boolean isMonKeyword(Scope scope, String keyword) {
    return switch (scope) {
      case GLOBAL -> globals.containsKey(keyword);
      case SERVICE -> services.containsKey(keyword);
      case PERIOD -> periods.containsKey(keyword);
    };
  }

  boolean isKeyword(Scope scope, String keyword) {
    return isMonKeyword(scope, keyword) || extensions.get(scope).containsKey(keyword);
  }

  /** Every keyword valid in a scope, sorted; used for "did you mean" hints. */
  Set<String> keywords(Scope scope) {
    Set<String> all = new TreeSet<>(extensions.get(scope).keySet());
    switch (scope) {
      case GLOBAL -> all.addAll(globals.keySet());
      case SERVICE -> all.addAll(services.keySet());
      case PERIOD -> all.addAll(periods.keySet());
    }
    return all;
  }

  /** lvsmon's own keywords in a scope, for documentation and {@code check-config}. */
  public Set<String> extensionKeywords(Scope scope) {
    return new TreeSet<>(extensions.get(scope).keySet());
  }
}
