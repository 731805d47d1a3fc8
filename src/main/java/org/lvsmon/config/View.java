package org.lvsmon.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@code view}: the groups (or {@code group:service} pairs) a client sees after {@code setview}, in
 * config order.
 */
public record View(String name, Collection<String> members, int line) {
  public View {
    members = Collections.unmodifiableSet(new LinkedHashSet<>(members));
  }
}
