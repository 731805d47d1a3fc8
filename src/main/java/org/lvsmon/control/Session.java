package org.lvsmon.control;

import java.util.Objects;

/**
 * What mon remembers about one client connection between its requests: the peer's address, the user
 * after a successful {@code login}, and the view chosen with {@code setview}. One per connection;
 * not thread-safe (a connection's requests are handled one at a time).
 */
public final class Session {
  private final String clientHost;
  private String user;
  private String view;

  /** A fresh connection from {@code clientHost} (the peer address as text): no user, no view. */
  public Session(String clientHost) {
    this.clientHost = Objects.requireNonNull(clientHost, "clientHost");
  }

  public String clientHost() {
    return clientHost;
  }

  /** The logged-in user, or null before a successful {@code login}. */
  public String user() {
    return user;
  }

  /** The selected view, or null when all groups are shown. */
  public String view() {
    return view;
  }

  void loggedIn(String user) {
    this.user = user;
  }

  void view(String view) {
    this.view = view;
  }
}
