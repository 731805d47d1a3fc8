package org.lvsmon.service;

import java.util.List;
import java.util.Objects;
import org.lvsmon.alert.AlertCall;

/**
 * The result of applying one event: the service's new state and what the daemon must do next, in
 * order. Immutable.
 */
public record Transition(ServiceState next, List<Intent> intents) {
  public Transition {
    Objects.requireNonNull(next, "next");
    intents = List.copyOf(intents);
  }

  /** The alert calls among the intents, in order. */
  public List<AlertCall> alertCalls() {
    return intents.stream()
        .filter(Intent.CallAlert.class::isInstance)
        .map(i -> ((Intent.CallAlert) i).call())
        .toList();
  }

  /** The decisions among the intents, in order. */
  public List<Decision> decisions() {
    return intents.stream().filter(Decision.class::isInstance).map(Decision.class::cast).toList();
  }

  /** The intents of one kind, in order. */
  public <T extends Intent> List<T> intents(Class<T> kind) {
    return intents.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
