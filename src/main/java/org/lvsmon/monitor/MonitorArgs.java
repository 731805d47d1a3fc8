package org.lvsmon.monitor;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A built-in monitor's arguments split the way Perl's {@code Getopt::Std} splits mon's monitors'
 * arguments: options first, then operands (the hosts mon appends). Parsing stops at the first
 * operand or at {@code --}. A short option takes its value attached ({@code -p22}) or as the next
 * word ({@code -p 22}); short flags without a value may be bundled ({@code -ab}). Long options
 * ({@code --name value}, {@code --name=value}) are lvsmon's additions. An option given twice keeps
 * every value ({@link #values}); {@link #value} is the last one, as Getopt::Std keeps it. Unknown
 * options are a usage error (Getopt::Std only warns, and mon then takes the warning as the summary).
 * Immutable.
 */
public final class MonitorArgs {
  private final Map<String, List<String>> options;
  private final List<String> operands;

  private MonitorArgs(Map<String, List<String>> options, List<String> operands) {
    this.options = options;
    this.operands = List.copyOf(operands);
  }

  /**
   * Splits {@code args}. {@code withValue} and {@code flags} name the known options with their
   * dashes ({@code "-p"}, {@code "--auth"}).
   *
   * @throws MonitorUsageException naming the unknown option or the option that lacks its value
   */
  public static MonitorArgs parse(List<String> args, Set<String> withValue, Set<String> flags) throws MonitorUsageException {
    Map<String, List<String>> options = new LinkedHashMap<>();
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (a.startsWith("--")) {
        i = parseLong(args, i, withValue, flags, options);
      } else if (a.startsWith("-") && a.length() > 1) {
        i = parseShort(args, i, withValue, flags, options);
      } else {
        break;
      }
    }
    return new MonitorArgs(options, args.subList(i, args.size()));
  }

  private static int parseLong(List<String> args, int i, Set<String> withValue, Set<String> flags,
      Map<String, List<String>> options) throws MonitorUsageException {
    String a = args.get(i);
    int eq = a.indexOf('=');
    String name = eq < 0 ? a : a.substring(0, eq);
    if (flags.contains(name)) {
      if (eq >= 0) {
        throw new MonitorUsageException("option " + name + " takes no value, got \"" + a.substring(eq + 1) + "\"");
      }
      add(options, name, "");
      return i + 1;
    }
    if (!withValue.contains(name)) {
      throw new MonitorUsageException("unknown option " + name);
    }
    if (eq >= 0) {
      add(options, name, a.substring(eq + 1));
      return i + 1;
    }
    if (i + 1 >= args.size()) {
      throw new MonitorUsageException("option " + name + " needs a value");
    }
    add(options, name, args.get(i + 1));
    return i + 2;
  }

  private static int parseShort(List<String> args, int i, Set<String> withValue, Set<String> flags,
      Map<String, List<String>> options) throws MonitorUsageException {
    String a = args.get(i);
    for (int c = 1; c < a.length(); c++) {
      String name = "-" + a.charAt(c);
      if (flags.contains(name)) {
        add(options, name, "");
      } else if (withValue.contains(name)) {
        if (c + 1 < a.length()) {
          add(options, name, a.substring(c + 1));
          return i + 1;
        }
        if (i + 1 >= args.size()) {
          throw new MonitorUsageException("option " + name + " needs a value");
        }
        add(options, name, args.get(i + 1));
        return i + 2;
      } else {
        throw new MonitorUsageException("unknown option " + name);
      }
    }
    return i + 1;
  }

  private static void add(Map<String, List<String>> options, String name, String value) {
    options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  /** True when the option was given at least once. */
  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** The option's last value, or empty when it was not given. */
  public Optional<String> value(String name) {
    List<String> v = options.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** Every value the option was given, in order (empty when it was not given). */
  public List<String> values(String name) {
    return List.copyOf(options.getOrDefault(name, List.of()));
  }

  /** The words after the options: for mon's monitors, the hosts. */
  public List<String> operands() {
    return operands;
  }

  /** A TCP port 1-65535. */
  public static int parsePort(String option, String value) throws MonitorUsageException {
    if (value.matches("[0-9]{1,5}")) {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    }
    throw new MonitorUsageException(option + ": bad port \"" + value + "\" (expected a number 1-65535)");
  }

  /** A positive number of seconds, fractions allowed ({@code 2.5}), at most a day. */
  public static Duration parseSeconds(String option, String value) throws MonitorUsageException {
    if (value.matches("[0-9]{1,9}(\\.[0-9]{1,9})?|\\.[0-9]{1,9}")) {
      Duration d = Duration.ofNanos(new BigDecimal(value).movePointRight(9).longValueExact());
      if (!d.isZero() && d.compareTo(Duration.ofDays(1)) <= 0) {
        return d;
      }
    }
    throw new MonitorUsageException(option + ": bad time \"" + value
        + "\" (expected seconds greater than 0 and at most 86400, fractions allowed, e.g. 2.5)");
  }

  /** A duration as a monitor's flags take it: {@code 5s}, {@code 0.25s}. */
  public static String seconds(Duration d) {
    return new BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + "s";
  }
}
