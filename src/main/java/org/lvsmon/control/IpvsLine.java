package org.lvsmon.control;

import java.util.Locale;
import java.util.Map;
import org.lvsmon.config.ServiceRef;

/**
 * One line of lvsmon's {@code list ipvs} and {@code list drained}, and the parse back, in the
 * {@code key=value} form of {@code list opstatus} (reference 6.4) so that Mon::Client's parser reads
 * them too. A {@code list ipvs} line has these fields, always all of them, in this order:
 *
 * <pre>vs rs host group service desired kernel active inactive load1 cpus state drained reason</pre>
 *
 * Every text ({@code vs} to {@code service}, {@code state}, {@code reason}) is escaped as opstatus
 * lines escape theirs ({@link MonEscaping#escape escape(s, true)}: space is {@code \20}); numbers are
 * decimal; a number that is not known is empty: {@code desired}, {@code kernel}, {@code active},
 * {@code inactive} when -1, {@code cpus} when 0, {@code load1} when negative. {@code load1} (load
 * per CPU) has two decimals, {@code drained} is 0 or 1. A {@code list drained} line is {@code
 * host=H reason=R}, both escaped the same way. Stateless.
 */
public final class IpvsLine {
  private IpvsLine() {}

  /** The {@code list ipvs} line of {@code v}, without a newline. */
  public static String of(IpvsView v) {
    return "vs=" + text(v.virtualService())
        + " rs=" + text(v.realServer())
        + " host=" + text(v.host())
        + " group=" + text(v.service().group())
        + " service=" + text(v.service().service())
        + " desired=" + known(v.desired())
        + " kernel=" + known(v.kernel())
        + " active=" + known(v.active())
        + " inactive=" + known(v.inactive())
        + " load1=" + (v.load1() < 0 ? "" : String.format(Locale.ROOT, "%.2f", v.load1()))
        + " cpus=" + (v.cpus() <= 0 ? "" : Integer.toString(v.cpus()))
        + " state=" + text(v.state())
        + " drained=" + (v.drained() ? 1 : 0)
        + " reason=" + text(v.reason());
  }

  /** The {@code list drained} line of a drained host and its reason ("" for none). */
  public static String drained(String host, String reason) {
    return "host=" + text(host) + " reason=" + text(reason);
  }

  /**
   * The view a {@code list ipvs} line shows, unknown numbers back as -1 (0 for {@code cpus}). Keys
   * it does not know are ignored, so a newer daemon may append fields.
   *
   * @throws IllegalArgumentException naming the line when {@code vs}, {@code rs}, {@code host},
   *     {@code group}, {@code service} or {@code state} is missing, or a number is not one
   */
  public static IpvsView parse(String line) {
    Map<String, String> f = MonEscaping.parseOpstatus(line);
    try {
      return new IpvsView(required(f, "vs"), required(f, "rs"), required(f, "host"),
          new ServiceRef(required(f, "group"), required(f, "service")), (int) number(f, "desired"),
          (int) number(f, "kernel"), number(f, "active"), number(f, "inactive"),
          f.getOrDefault("load1", "").isEmpty() ? -1 : Double.parseDouble(f.get("load1")),
          (int) Math.max(0, number(f, "cpus")), required(f, "state"), f.getOrDefault("reason", ""),
          "1".equals(f.get("drained")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad list ipvs line \"" + line + "\": " + e.getMessage(), e);
    }
  }

  private static String text(String s) {
    return MonEscaping.escape(s, true);
  }

  private static String known(long n) {
    return n < 0 ? "" : Long.toString(n);
  }

  private static String required(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no " + key + "= field");
    }
    return v;
  }

  private static long number(Map<String, String> f, String key) {
    String v = f.getOrDefault(key, "");
    if (v.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + v + " is not a whole number", e);
    }
  }
}
