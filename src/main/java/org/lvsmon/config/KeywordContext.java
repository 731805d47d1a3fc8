package org.lvsmon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What a keyword handler may know about where its line is, and a way to report a warning. */
public interface KeywordContext {
  Path file();

  int line();

  /** The current watch (group), or empty for a global line. */
  Optional<String> group();

  /** The current service, or empty outside a service. */
  Optional<String> service();

  /** The current service's {@code interval} as parsed so far, or empty. */
  Optional<Duration> interval();

  /** Records a warning at this line; the config stays valid. */
  void warn(String message);

  /** Records an environment problem at this line (something missing on this machine). */
  void environment(String message);
}
