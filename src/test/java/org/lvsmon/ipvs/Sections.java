package org.lvsmon.ipvs;

import java.util.LinkedHashMap;
import java.util.Map;

/** Text in sections, each opened by a line {@code === NAME}: what the kernel checks print and recorded files hold. */
public final class Sections {
  private Sections() {}

  /** The sections by name, in order; text before the first header is dropped. */
  public static Map<String, String> parse(String text) {
    Map<String, String> sections = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("=== ")) {
        if (name != null) {
          sections.put(name, body.toString());
        }
        name = line.substring(4);
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      sections.put(name, body.toString());
    }
    return sections;
  }
}
