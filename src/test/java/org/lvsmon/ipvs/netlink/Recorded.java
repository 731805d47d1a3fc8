package org.lvsmon.ipvs.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The kernel replies in recorded-dumps.txt (recorded by KernelChecks --record on Linux 6.1). */
final class Recorded {
  private Recorded() {}

  /**
   * One recorded reply.
   *
   * @param kind "service" or "dest"
   * @param service for a dest: the service it belongs to, as ServiceKey.toString(); else empty
   * @param bytes the whole netlink message
   */
  record Reply(String kind, String service, byte[] bytes) {
    NetlinkMessage message() {
      return Netlink.decode(bytes, bytes.length).get(0);
    }
  }

  static List<Reply> replies() {
    List<Reply> replies = new ArrayList<>();
    for (String line : text().split("\n")) {
      if (line.startsWith("service ")) {
        replies.add(new Reply("service", "", HexFormat.of().parseHex(line.substring(8))));
      } else if (line.startsWith("dest ")) {
        int hex = line.lastIndexOf(' ');
        replies.add(new Reply("dest", line.substring(5, hex), HexFormat.of().parseHex(line.substring(hex + 1))));
      }
    }
    return replies;
  }

  static List<Reply> replies(String kind) {
    return replies().stream().filter(r -> r.kind().equals(kind)).toList();
  }

  /** The family id the kernel had given IPVS when the replies were recorded. */
  static int familyId() {
    return text().lines().filter(l -> l.startsWith("family ")).map(l -> Integer.parseInt(l.substring(7))).findFirst()
        .orElseThrow();
  }

  private static String text() {
    try (InputStream in = Recorded.class.getResourceAsStream("recorded-dumps.txt")) {
      if (in == null) {
        throw new IllegalStateException("recorded-dumps.txt is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
