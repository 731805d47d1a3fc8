package org.lvsmon.ipvs.ipvsadm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.lvsmon.ipvs.Sections;

/** The ipvsadm listings recorded on a real kernel (recorded-listings.txt), by section name. */
final class Recorded {
  private Recorded() {}

  static Map<String, String> sections() {
    try (InputStream in = Recorded.class.getResourceAsStream("recorded-listings.txt")) {
      return Sections.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
