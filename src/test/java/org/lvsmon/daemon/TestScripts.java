package org.lvsmon.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Monitor and alert scripts that daemon tests write into their temporary directories. */
final class TestScripts {
  private TestScripts() {}

  /** An executable {@code /bin/sh} script {@code dir/name} running {@code body}. */
  static Path write(Path dir, String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
