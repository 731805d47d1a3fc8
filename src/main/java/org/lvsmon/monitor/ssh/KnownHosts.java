package org.lvsmon.monitor.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH {@code known_hosts} file, read once and matched the way {@code ssh} matches it: host
 * fields are comma-separated patterns with {@code *} and {@code ?} and {@code !} negation, compared
 * case-insensitively, or hashed entries ({@code |1|salt|hmac}, from {@code HashKnownHosts yes} or
 * {@code ssh-keygen -H}); a port other than 22 is looked up as {@code [host]:port}; {@code @revoked}
 * lines revoke their key; {@code @cert-authority} lines are ignored (lvsmon does not ask for host
 * certificates). Comment, blank and unparseable lines are skipped, as ssh skips them.
 *
 * <p>JSch's own {@code KnownHosts} is not used: it matches neither wildcards nor negations, treats
 * {@code @cert-authority} keys as host keys, and, for a port other than 22, falls back to the bare
 * host name, which ssh does not. Immutable and thread-safe.
 */
public final class KnownHosts {
  /** Larger files are refused: a known_hosts file is read whole on every check. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private enum Marker { NONE, REVOKED, CERT_AUTHORITY }

  private record Entry(int line, Marker marker, String patterns, byte[] salt, byte[] hash, String type, byte[] blob) {}

  private final String source;
  private final List<Entry> entries;

  private KnownHosts(String source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a known_hosts file.
   *
   * @throws IOException when it cannot be read or is larger than {@link #MAX_FILE_BYTES}
   */
  public static KnownHosts read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IOException(file + ": known_hosts file larger than " + MAX_FILE_BYTES + " bytes");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses known_hosts text; {@code source} names it in verdicts. */
  public static KnownHosts parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Entry e = parseLine(i + 1, lines[i]);
      if (e != null) {
        entries.add(e);
      }
    }
    return new KnownHosts(source, entries);
  }

  private static Entry parseLine(int number, String line) {
    String[] f = line.strip().split("[ \t]+");
    if (f.length == 0 || f[0].isEmpty() || f[0].startsWith("#")) {
      return null;
    }
    int i = 0;
    Marker marker = Marker.NONE;
    if (f[0].startsWith("@")) {
      if (f[0].equals("@revoked")) {
        marker = Marker.REVOKED;
      } else if (f[0].equals("@cert-authority")) {
        marker = Marker.CERT_AUTHORITY;
      } else {
        return null;
      }
      i = 1;
    }
    if (f.length < i + 3) {
      return null;
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(f[i + 2]);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String type = f[i + 1];
    if (!type.equals(blobType(blob))) {
      return null;
    }
    String hosts = f[i];
    if (hosts.startsWith("|1|")) {
      String[] h = hosts.substring(3).split("\\|", -1);
      if (h.length != 2) {
        return null;
      }
      try {
        byte[] salt = Base64.getDecoder().decode(h[0]);
        byte[] hash = Base64.getDecoder().decode(h[1]);
        if (salt.length != 20 || hash.length != 20) {
          return null;
        }
        return new Entry(number, marker, null, salt, hash, type, blob);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return new Entry(number, marker, hosts, null, null, type, blob);
  }

  /**
   * The name ssh looks a host up by: the alias when there is one (OpenSSH's {@code HostKeyAlias},
   * used as is), else the host in lower case, as {@code [host]:port} when the port is not 22.
   */
  public static String lookupName(String host, int port, String alias) {
    if (alias != null) {
      return alias;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return port == 22 ? h : "[" + h + "]:" + port;
  }

  /** Where the entries came from (the file name). */
  public String source() {
    return source;
  }

  /** The verdict on {@code keyBlob} (an SSH public key blob) presented under {@code name}. */
  public HostKeyVerdict verify(String name, byte[] keyBlob) {
    String type = blobType(keyBlob);
    String offered = type + " " + fingerprint(keyBlob);
    List<String> revoked = new ArrayList<>();
    List<String> same = new ArrayList<>();
    List<String> other = new ArrayList<>();
    boolean match = false;
    for (Entry e : entries) {
      if (e.marker() == Marker.CERT_AUTHORITY || !matches(e, name)) {
        continue;
      }
      boolean equal = Arrays.equals(e.blob(), keyBlob);
      String where = source + ":" + e.line() + " " + e.type() + " " + fingerprint(e.blob());
      if (e.marker() == Marker.REVOKED) {
        if (equal) {
          revoked.add(where);
        }
      } else if (equal) {
        match = true;
        same.add(0, where);
      } else if (e.type().equals(type)) {
        same.add(where);
      } else {
        other.add(where);
      }
    }
    if (!revoked.isEmpty()) {
      return new HostKeyVerdict(HostKeyVerdict.Kind.REVOKED, name, offered, revoked, source);
    }
    if (match) {
      return new HostKeyVerdict(HostKeyVerdict.Kind.MATCH, name, offered, same.subList(0, 1), source);
    }
    if (!same.isEmpty()) {
      return new HostKeyVerdict(HostKeyVerdict.Kind.MISMATCH, name, offered, same, source);
    }
    return new HostKeyVerdict(HostKeyVerdict.Kind.UNKNOWN, name, offered, other, source);
  }

  /** The key types known for {@code name}, in file order (what ssh prefers when negotiating). */
  public Set<String> keyTypes(String name) {
    Set<String> types = new LinkedHashSet<>();
    for (Entry e : entries) {
      if (e.marker() == Marker.NONE && matches(e, name)) {
        types.add(e.type());
      }
    }
    return types;
  }

  private static boolean matches(Entry e, String name) {
    if (e.patterns() == null) {
      return Arrays.equals(hmacSha1(e.salt(), name), e.hash());
    }
    return matchPatternList(name.toLowerCase(Locale.ROOT), e.patterns());
  }

  /** OpenSSH's {@code match_pattern_list}: true on a positive match unless a negated pattern matches. */
  static boolean matchPatternList(String name, String patterns) {
    boolean positive = false;
    for (String p : patterns.split(",", -1)) {
      boolean negated = p.startsWith("!");
      String pattern = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
      if (matchPattern(name, pattern)) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  /** {@code *} and {@code ?} wildcards; backtracks only to the last star, so any pattern is linear-ish. */
  static boolean matchPattern(String s, String p) {
    int si = 0;
    int pi = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
        si++;
        pi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  /** The {@code |1|} hash of a name: HMAC-SHA1 keyed with the salt. */
  static byte[] hmacSha1(byte[] salt, String name) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is a required JDK algorithm", e);
    }
  }

  /** A hashed host field for {@code name} with the given 20-byte salt, as {@code ssh-keygen -H} writes it. */
  public static String hashedName(String name, byte[] salt) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hmacSha1(salt, name));
  }

  /** OpenSSH's {@code SHA256:...} fingerprint of a public key blob. */
  public static String fingerprint(byte[] blob) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  /** The key type a public key blob names in its first field, or {@code "unknown"}. */
  public static String blobType(byte[] blob) {
    if (blob == null || blob.length < 4) {
      return "unknown";
    }
    int len = ByteBuffer.wrap(blob, 0, 4).getInt();
    if (len <= 0 || len > 64 || 4 + len > blob.length) {
      return "unknown";
    }
    return new String(blob, 4, len, StandardCharsets.US_ASCII);
  }
}
