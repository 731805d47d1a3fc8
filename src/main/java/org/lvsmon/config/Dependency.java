package org.lvsmon.config;

import java.util.List;

/**
 * A dependency expression ({@code depend}, {@code alertdepend}, {@code monitordepend}, {@code
 * hostdepend}) with {@code SELF:} already replaced by the watch name, and the {@code group:service}
 * terms it refers to, in order of appearance.
 */
public record Dependency(String expression, List<ServiceRef> terms) {
  public Dependency {
    terms = List.copyOf(terms);
  }
}
