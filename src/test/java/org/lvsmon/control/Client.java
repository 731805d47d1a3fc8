package org.lvsmon.control;

import java.util.List;

/** One client connection to a handler: sends request lines, returns the reply lines, keeps the session. */
final class Client {
  final RecordingMonServer server;
  final ProtocolHandler handler;
  final Session session;
  Reply last;

  Client(RecordingMonServer server, Authenticator authenticator) {
    this.server = server;
    this.handler = new ProtocolHandler(server, authenticator, Fixture.CLOCK);
    this.session = new Session("127.0.0.1");
  }

  /** A client of the lab server, everything allowed, every login refused. */
  static Client lab() {
    return new Client(RecordingMonServer.lab(), Authenticator.REFUSE_ALL);
  }

  /** The reply lines (data lines, then the status line) to {@code line}. */
  List<String> send(String line) {
    last = handler.handle(line, session);
    return last.lines();
  }
}
