package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuedMailTest {
  @Test
  void listOutbox_showsEachQueuedMail_withItsTextsEscaped() {
    RecordingMonServer server = RecordingMonServer.lab();
    server.outbox = List.of(new QueuedMail("17-000001-ab", Instant.ofEpochSecond(1796461380), 2,
            Instant.ofEpochSecond(1796461400), false, List.of("ops@example.com", "b@x"), "ALERT g/ssh: node1",
            "Couldn't connect: refused"));
    Reply r = new ProtocolHandler(server, Authenticator.REFUSE_ALL, java.time.Clock.systemUTC())
        .handle("list outbox", new Session("127.0.0.1"));
    assertThat(r.lines()).containsExactly(
        "id=17-000001-ab created=1796461380 attempts=2 next=1796461400 overdue=0 to=ops@example.com,b@x"
            + " subject=ALERT\\20g/ssh:\\20node1 error=Couldn\\27t\\20connect:\\20refused",
        "220 list outbox completed");
  }
}
