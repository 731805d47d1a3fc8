package org.lvsmon.monitor.ssh;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Where one node's load samples come from on its open session: {@link LoadStream} or {@link LoadExec}. */
interface LoadSource extends AutoCloseable {
  /**
   * Asks for a sample. The future completes with the load, or exceptionally with a {@link
   * SshLoginException} ({@link SshStatus#BAD_OUTPUT}: an answer that is not a load line; {@link
   * SshStatus#SSH_ERROR}: the command or session ended). When the node does not answer it never
   * completes: the caller's deadline decides. {@code timeout} bounds what the call itself may block.
   */
  CompletableFuture<LoadLine.Load> request(Duration timeout);

  /** False once the source or its session has ended. */
  boolean isOpen();

  /** Why it ended, or null while it is open. */
  String ended();

  @Override
  void close();
}
