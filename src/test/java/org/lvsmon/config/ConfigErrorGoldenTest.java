package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One config per class of error, with the exact message lvsmon prints for it. */
class ConfigErrorGoldenTest {
  private static final String HEAD = "hostgroup g1 h1 h2\n\nwatch g1\n    service s1\n";

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("unknown global", "snmp = yes\n",
            "mon.cf:1: unknown global variable \"snmp\""),
        Arguments.of("misspelt global", "histlenght = 5\n",
            "mon.cf:1: unknown global variable \"histlenght\" (did you mean \"histlength\"?)"),
        Arguments.of("time without unit", HEAD + "        interval 60\n",
            "mon.cf:5: interval: invalid time value \"60\" (expected a number with a unit s, m, h or d, e.g. 30s, 5m, 1.5h)"),
        Arguments.of("inline comment", HEAD + "        interval 5m   # five minutes\n",
            "mon.cf:5: interval: invalid time value \"5m   # five minutes\" (expected a number with a unit s, m, h or d,"
                + " e.g. 30s, 5m, 1.5h; comments must be on a line of their own)"),
        Arguments.of("zero time", HEAD + "        interval 0s\n",
            "mon.cf:5: interval: time value \"0s\" must be greater than 0"),
        Arguments.of("keyword case", HEAD + "        Interval 5m\n",
            "mon.cf:5: unknown keyword \"Interval\" in service \"s1\" (did you mean \"interval\"?)"),
        Arguments.of("misspelt period keyword", HEAD + "        period wd {Sun-Sat}\n            alertaftr 2\n",
            "mon.cf:6: unknown keyword \"alertaftr\" in period \"wd {Sun-Sat}\" of service \"s1\" (did you mean \"alertafter\"?)"),
        Arguments.of("service keyword after period", HEAD + "        period wd {Sun-Sat}\n        interval 5m\n",
            "mon.cf:6: \"interval\" is a service keyword and cannot follow a period; move it above the first \"period\" of service \"s1\""),
        Arguments.of("alert before period", HEAD + "        alert mail.alert root\n",
            "mon.cf:5: \"alert\" belongs in a period: add a \"period\" line (e.g. \"period wd {Sun-Sat}\") before it in service \"s1\""),
        Arguments.of("keyword before service", "watch g1\n    interval 5m\n",
            "mon.cf:2: \"interval\" before any \"service\" line in watch \"g1\" (every keyword in a watch belongs to a service)"),
        Arguments.of("env before service", "watch g1\n    FOO=bar\n",
            "mon.cf:2: environment variable FOO set before any \"service\" line in watch \"g1\""),
        Arguments.of("duplicate service", HEAD + "        interval 1m\n    service s1\n",
            "mon.cf:6: service \"s1\" already defined for watch \"g1\" at line 4"),
        Arguments.of("duplicate watch", "watch g1\n    service s1\n\nwatch g1\n",
            "mon.cf:4: watch \"g1\" already defined at line 1"),
        Arguments.of("invalid service name", "watch g1\n    service s/1\n",
            "mon.cf:2: invalid service name \"s/1\" (expected letters, digits, \"_\", \".\" or \"-\")"),
        Arguments.of("malformed period", HEAD + "        period hr {25}\n",
            "mon.cf:5: period: malformed period \"hr {25}\": "),
        Arguments.of("duplicate period", HEAD + "        period p: wd {Mon}\n        period p: wd {Tue}\n",
            "mon.cf:6: period \"p\" already defined for service \"s1\" at line 5"),
        Arguments.of("alertafter with days", HEAD + "        period wd {Sun-Sat}\n            alertafter 1d\n",
            "mon.cf:6: alertafter: invalid value \"1d\" (expected N, an integer time such as 10m, or N and a time; units s, m, h; no fractions, no d)"),
        Arguments.of("alertafter not sensible", HEAD + "        interval 30m\n        period wd {Sun-Sat}\n            alertafter 2 30m\n",
            "mon.cf:7: alertafter 2 30m: 2 failures can never happen within 30m at interval 30m ((N-1) x interval must be less than the window)"),
        Arguments.of("alertevery bad mode", HEAD + "        period wd {Sun-Sat}\n            alertevery 1h sometimes\n",
            "mon.cf:6: alertevery: invalid value \"1h sometimes\" (expected a time value, optionally followed by observe_detail, ignore_summary, strict or summary)"),
        Arguments.of("numalerts not a number", HEAD + "        period wd {Sun-Sat}\n            numalerts many\n",
            "mon.cf:6: numalerts: \"many\" is not a whole number (expected 0 or more)"),
        Arguments.of("bad exit range", HEAD + "        period wd {Sun-Sat}\n            alert exit=x mail.alert root\n",
            "mon.cf:6: alert exit=: invalid exit value range \"x\" (expected N or N-M, e.g. 2 or 3-255)"),
        Arguments.of("empty exit range", HEAD + "        period wd {Sun-Sat}\n            alertexitrange 5-2\n",
            "mon.cf:6: alertexitrange: exit value range \"5-2\" is empty (5 > 2)"),
        Arguments.of("dep_behavior", "dep_behavior = x\n",
            "mon.cf:1: dep_behavior: unknown dependency behavior \"x\" (expected a, m or hm)"),
        Arguments.of("unbalanced quote", HEAD + "        monitor tcp.monitor -p \"22\n",
            "mon.cf:5: monitor: cannot split arguments \"-p \"22\": unbalanced \" quote at column 4"),
        Arguments.of("port out of range", "serverport = 70000\n",
            "mon.cf:1: serverport: port 70000 out of range (expected 1-65535)"),
        Arguments.of("bad clientallow", "clientallow = 10.0.0.(\n",
            "mon.cf:1: clientallow: invalid pattern \"10.0.0.(\": Unclosed group"),
        Arguments.of("unknown authtype", "authtype = kerberos\n",
            "mon.cf:1: authtype: unknown type \"kerberos\" (expected getpwnam, userfile, pam, trustlocal, shadow)"),
        Arguments.of("bad randstart", "randstart = soon\n",
            "mon.cf:1: randstart: invalid time value \"soon\" (expected a number with a unit s, m, h or d, e.g. 30s, 5m, 1.5h)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void error_isReportedWithFileLineAndExactMessage(String name, String config, String expected) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new MonConfigParser().parse(config, Path.of("mon.cf")));

    assertThat(e).as("config should be rejected").isNotNull();
    List<String> errors = e.problems().stream()
        .filter(p -> p.kind() == ConfigProblem.Kind.ERROR).map(ConfigProblem::toString).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void error_inTheMiddleOfAValidFile_isStillFoundAndOthersToo(String name, String config, String expected) {
    String twice = config + "\n" + "snmp = 1\n";

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new MonConfigParser().parse(twice, Path.of("mon.cf")));

    assertThat(e.problems()).filteredOn(p -> p.kind() == ConfigProblem.Kind.ERROR)
        .extracting(ConfigProblem::message)
        .contains("unknown global variable \"snmp\"")
        .hasSizeGreaterThanOrEqualTo(2);
  }
}
