package org.lvsmon.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configs {@link ReadCfDifferentialSystemIT} feeds to both mon's {@code read_cf} and lvsmon's
 * parser: the project's fixture configs plus small hand-written cases, one or a few per grammar rule
 * and error class of mon-compat.md sections 2.1-2.9. Names are unique and stable, since the
 * divergence tables refer to them.
 */
final class ReadCfCorpus {
  /** One config: a stable name and its exact text (ISO-8859-1, as both parsers read files). */
  record Case(String name, String content) {}

  private static final String HOSTGROUP = "hostgroup g h1 h2\n\n";
  private static final String SERVICE_HEAD =
      HOSTGROUP + "watch g\n    service s\n        interval 1m\n        monitor ping.monitor\n";
  private static final String SERVICE_INDENT = "        ";
  private static final String PERIOD_INDENT = "            ";

  private final Map<String, Case> cases = new LinkedHashMap<>();
  private final Path home;

  private ReadCfCorpus(Path home) {
    this.home = home;
  }

  /** Every case; {@code home} is the project directory (fixtures are read from it). */
  static List<Case> build(Path home) {
    ReadCfCorpus c = new ReadCfCorpus(home);
    c.fixtures();
    c.lexical();
    c.records();
    c.globals();
    c.serviceKeywords();
    c.periods();
    c.alertKeywords();
    return List.copyOf(c.cases.values());
  }

  /** The number of cases that are not fixture files. */
  static long writtenCaseCount(List<Case> cases) {
    return cases.stream().filter(c -> !c.name().startsWith("file:")).count();
  }

  // ---------------------------------------------------------------- fixture files

  private void fixtures() {
    for (String dir : List.of("test-fixtures/mon-examples", "test-fixtures/real-mon/configs")) {
      try (Stream<Path> files = Files.list(home.resolve(dir))) {
        files.filter(Files::isRegularFile).sorted().forEach(f -> fixture(dir + "/" + f.getFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + home.resolve(dir), e);
      }
    }
    fixture("conf/login-nodes.cf");
  }

  private void fixture(String relative) {
    try {
      add("file:" + relative, Files.readString(home.resolve(relative), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + home.resolve(relative), e);
    }
  }

  // ---------------------------------------------------------------- 2.1 lexical rules

  private void lexical() {
    add("comments-anywhere", """
        # a comment before anything
        hostgroup g h1
          # indented comment inside a hostgroup
            h2
        #
        watch g
        # comment at column 0 inside a watch
            service s
                interval 1m
                    # indented comment inside a service
                monitor ping.monitor
                period wd {Sun-Sat}
        #comment inside a period
                    alert mail.alert root
        """);
    add("comment-between-continuation-lines",
        "hostgroup g a \\\n# not a host\n    b \\\n   # nor this\n    c\n\nwatch g\n    service s\n        interval 1m\n");
    add("continuation-hostgroup", "hostgroup g a b \\\n  c\n  d\n\nwatch g\n    service s\n        interval 1m\n");
    add("continuation-trailing-space-after-backslash",
        "hostgroup g a \\   \n    b\n\nwatch g\n    service s\n        monitor foo.monitor -x \\\t\n            -y\n");
    add("continuation-joins-without-space",
        "hostgroup g a\n\nwatch g\n    service s\n        monitor foo\\\n            bar -a\\\n     b\n");
    add("continuation-of-keyword-and-value",
        "hostgroup g a\n\nwatch g\n    service s\n        interval \\\n            5m\n        description one \\\n  two\n");
    add("continuation-dangling-at-eof",
        "hostgroup g a\n\nwatch g\n    service s\n        interval 1m\n        description x \\\n");
    add("continuation-dangling-at-eof-without-newline",
        "hostgroup g a\n\nwatch g\n    service s\n        interval 1m\n    service t \\");
    add("continuation-blank-line-ends-it",
        "hostgroup g a \\\n\n    b\n\nwatch g\n    service s\n        interval 1m\n");
    add("crlf-line-endings", (SERVICE_HEAD + "        period wd {Sun-Sat}\n            alert mail.alert root\n")
        .replace("\n", "\r\n"));
    add("crlf-with-continuation",
        "hostgroup g a \\\r\n  b\r\n\r\nwatch g\r\n    service s\r\n        monitor x.monitor \\\r\n  -p 1\r\n");
    add("tabs-and-odd-indentation",
        "hostgroup\tg\th1\t h2\n\n  watch g\n\tservice s\n interval 1m\n\t\t\tmonitor\tping.monitor\t-c 3\n");
    add("no-final-newline", SERVICE_HEAD.strip());
    add("vertical-tab-and-form-feed-are-whitespace",
        "hostgroup g a\u000Bb\n\nwatch g\n    service s\n        interval 1m\u000C\n");
    add("blank-line-in-watch-drops-later-services", SERVICE_HEAD + "\n    service t\n        interval 2m\n");
    add("blank-line-in-period-drops-rest",
        SERVICE_HEAD + "        period wd {Sun-Sat}\n\n            alert mail.alert root\n    service t\n");
    add("whitespace-only-line-is-blank", SERVICE_HEAD + "   \t \n    service t\n        interval 2m\n");
    add("inline-comment-is-error", service("interval 5m   # every five minutes"));
    add("inline-comment-in-hostgroup-adds-hosts",
        "hostgroup g a b # c\n\nwatch g\n    service s\n        interval 1m\n");
    add("keyword-case-interval", service("Interval 5m"));
    add("keyword-case-service", HOSTGROUP + "watch g\n    Service s\n        interval 1m\n");
    add("keyword-case-watch-is-ignored", HOSTGROUP + "Watch g\n    service s\n        interval 1m\n");
    add("keyword-case-hostgroup-is-ignored", "Hostgroup g a\n\nwatch g\n    service s\n        interval 1m\n");
    add("lines-outside-records-ignored",
        "this is not a record\n\n    neither is this\nhostgroup g a\n\nservice s\ninterval 5m\n\nwatch g\n    service s\n");
    add("blank-line-ends-hostgroup", "hostgroup g a\n\nb\n\nwatch g\n    service s\n        interval 1m\n");
    add("unknown-syntax-punctuation-in-watch", service("-foo bar"));
    add("latin1-bytes", "hostgroup g h\u00e9te1 caf\u00e9\n\nwatch g\n    service s\n        description d\u00e9j\u00e0 vu\n");
    add("control-char-is-not-whitespace-for-perl",
        "hostgroup g a\u001C\n\nwatch g\n    service s\n        description x\u001F\n");
  }

  // ---------------------------------------------------------------- 2.2 records

  private void records() {
    add("global-inside-hostgroup",
        "hostgroup g a\n    maxprocs = 5\n    b\n\nwatch g\n    service s\n        interval 1m\n");
    add("global-after-watches", SERVICE_HEAD + "\nhistlength = 50\n");
    add("global-without-spaces", "maxprocs=5\nhistlength  =  7\n" + SERVICE_HEAD);
    add("global-unknown", "snmp = yes\n" + SERVICE_HEAD);
    add("global-unknown-in-alias", "alias a\n    some text\n    foo = bar\n");
    add("global-like-line-in-watch", SERVICE_HEAD + "        maxprocs = 5\n");
    add("hostgroup-without-hosts", "hostgroup g\n\nwatch g\n    service s\n        interval 1m\n");
    add("hostgroup-continued-by-record-lines",
        "hostgroup g a\nwatch g\n    service s\n        interval 1m\n\nwatch g\n    service s\n");
    add("hostgroup-redefined", "hostgroup g a b\n\nhostgroup g c\n\nwatch g\n    service s\n");
    add("hostgroup-inside-watch-swallows-services",
        SERVICE_HEAD + "hostgroup h x\n    service t\n        interval 1m\n\nwatch h\n    service u\n");
    add("hostgroup-unused", "hostgroup g a\n\nhostgroup spare b\n\nwatch g\n    service s\n");
    add("hostgroup-name-with-dots-and-dashes",
        "hostgroup web-1.example_A a.example b-c\n\nwatch web-1.example_A\n    service s\n");
    add("watch-without-hostgroup", "watch 10.0.0.7\n    service ping\n        interval 1m\n");
    add("watch-then-hostgroup-of-same-name", "watch g\n    service s\n\nhostgroup g a b\n");
    add("watch-name-stops-at-bad-character", "hostgroup g a\n\nwatch g/x more words\n    service s\n");
    add("watch-duplicate", SERVICE_HEAD + "\nwatch g\n    service t\n");
    add("watch-inside-watch-starts-new-watch",
        "hostgroup g a\n\nhostgroup h b\n\nwatch g\n    service s\nwatch h\n    service s\n");
    add("watch-without-services", HOSTGROUP + "watch g\n");
    add("watch-without-services-twice", HOSTGROUP + "watch g\n\nwatch g\n    service s\n");
    add("keyword-before-service", HOSTGROUP + "watch g\n    interval 1m\n    service s\n");
    add("period-before-service", HOSTGROUP + "watch g\n    period wd {Sun-Sat}\n");
    add("env-before-service", HOSTGROUP + "watch g\n    FOO=bar\n    service s\n");
    add("env-in-service-and-after-period",
        service("FOO=bar baz", "_X1=", "period wd {Sun-Sat}", "    alert mail.alert root", "    LATE=yes x", "FOO=again"));
    add("env-lowercase-is-error", service("foo=bar"));
    add("env-with-spaces-is-error", service("FOO = bar"));
    add("service-invalid-name", HOSTGROUP + "watch g\n    service a/b\n");
    add("service-without-name", HOSTGROUP + "watch g\n    service\n");
    add("service-duplicate", SERVICE_HEAD + "    service s\n");
    add("service-same-name-in-two-watches",
        "hostgroup g a\n\nhostgroup h b\n\nwatch g\n    service s\n\nwatch h\n    service s\n");
    add("service-name-characters", HOSTGROUP + "watch g\n    service A-b_c.9\n        interval 1m\n");
    add("views", "view v1 g g:s \\\n   h\n    other:x\n\nview v2 g\n\n" + SERVICE_HEAD);
    add("view-without-members-ignored", "view v\n\n" + SERVICE_HEAD);
    add("view-redefined", "view v a b\n\nview v c\n\n" + SERVICE_HEAD);
    add("view-continued-by-record-lines", "view v a\nwatch g\n    service s\n\n" + SERVICE_HEAD);
    add("alias", "alias a\n    first line of text\n  second: line = 5\n\n" + SERVICE_HEAD);
    add("alias-redefined-appends", "alias a\n    one\n\nalias a\n    two\n\n" + SERVICE_HEAD);
    add("alias-without-lines", "alias a\n\n" + SERVICE_HEAD);
    add("alias-with-extra-words-is-no-alias", "alias a b\n    text\n\n" + SERVICE_HEAD);
    add("alias-ended-by-hostgroup", "alias a\n    text\nhostgroup h x\n\n" + SERVICE_HEAD);
  }

  // ---------------------------------------------------------------- 2.3 globals

  private void globals() {
    String auth = home.resolve("conf/auth.cf").toAbsolutePath().toString();
    add("globals-all-valid", String.join("\n",
        "alertdir = /usr/lib/mon/alert.d : /usr/local/lib/mon/alert.d",
        "mondir = /usr/lib/mon/mon.d:/opt/monitors",
        "basedir = /usr/lib/mon",
        "cfbasedir = etc/mon",
        "statedir = /var/lib/mon",
        "logdir = /var/log/mon",
        "authfile = " + auth,
        "authtype = getpwnam  userfile trustlocal shadow",
        "userfile = " + auth,
        "pamservice = login",
        "serverbind = 127.0.0.1",
        "serverport = 2583",
        "trapbind = 127.0.0.1",
        "trapport = 02584",
        "clientallow = 127.0.0.1 10.1.2.\\d+ 192\\.168.[0-9]+.1",
        "pidfile =",
        "maxprocs = 20",
        "histlength = 100",
        "historicfile = history.log",
        "historictime = 2d",
        "randstart = 30s",
        "cltimeout = 1.5m",
        "monerrfile = /dev/null",
        "dtlogging = yes",
        "dtlogfile = downtime.log",
        "dep_recur_limit = 5",
        "dep_behavior = m",
        "dep_memory = 1h",
        "unack_summary = yes",
        "syslog_facility = local0",
        "startupalerts_on_reset = yes",
        "monremote = /usr/local/bin/monremote -x",
        "exclude_period = wd {Sat-Sun}",
        "") + SERVICE_HEAD);
    add("global-basedir-relative", "basedir = lib/mon\ncfbasedir = ./etc//mon/\n" + SERVICE_HEAD);
    add("global-dtlogging-values", "dtlogging = true\n" + SERVICE_HEAD);
    add("global-dtlogging-off", "dtlogging = YES\n" + SERVICE_HEAD);
    add("global-dtlogging-numeric-prefix", "dtlogging = 1abc\n" + SERVICE_HEAD);
    add("global-startupalerts-on-reset-on", "startupalerts_on_reset = ON\n" + SERVICE_HEAD);
    add("global-startupalerts-on-reset-10", "startupalerts_on_reset = 10\n" + SERVICE_HEAD);
    add("global-clientallow-double-dot", "clientallow = 10..1.1\n" + SERVICE_HEAD);
    add("global-dep-behavior-invalid", "dep_behavior = x\n" + SERVICE_HEAD);
    add("global-dep-behavior-applies-to-later-services",
        HOSTGROUP + "watch g\n    service s\n        interval 1m\n\ndep_behavior = hm\nunack_summary = 1\ndep_memory = 5m\n\n"
            + "hostgroup h a\n\nwatch h\n    service t\n        interval 1m\n");
    add("global-unack-summary-no", "unack_summary = no\n" + SERVICE_HEAD);
    add("global-unack-summary-bare", "unack_summary =\n" + SERVICE_HEAD);
    add("global-unack-summary-invalid", "unack_summary = 2\n" + SERVICE_HEAD);
    add("global-randstart-without-unit", "randstart = 10\n" + SERVICE_HEAD);
    add("global-randstart-zero", "randstart = 0s\n" + SERVICE_HEAD);
    add("global-historictime-invalid", "historictime = 1x\n" + SERVICE_HEAD);
    add("global-historictime-zero", "historictime = 0s\n" + SERVICE_HEAD);
    add("global-cltimeout-invalid", "cltimeout = 30\n" + SERVICE_HEAD);
    add("global-cltimeout-zero", "cltimeout = 0m\n" + SERVICE_HEAD);
    add("global-dep-memory-invalid", "dep_memory = soon\n" + SERVICE_HEAD);
    add("global-dep-memory-zero", "dep_memory = 0s\n" + SERVICE_HEAD);
    add("global-exclude-period-malformed", "exclude_period = wd {Mon-Fri\n" + SERVICE_HEAD);
    add("global-maxprocs-not-a-number", "maxprocs = lots\n" + SERVICE_HEAD);
    add("global-histlength-negative", "histlength = -1\n" + SERVICE_HEAD);
    add("global-serverport-zero", "serverport = 0\n" + SERVICE_HEAD);
    add("global-logdir-empty", "logdir =\n" + SERVICE_HEAD);
    add("global-authtype-unknown", "authtype = kerberos\n" + SERVICE_HEAD);
    add("global-clientallow-bad-regex", "clientallow = 10.0.0.[\n" + SERVICE_HEAD);
    add("global-authfile-missing", "authfile = /nonexistent/lvsmon-test/auth.cf\n" + SERVICE_HEAD);
    add("global-userfile-missing", "userfile = /nonexistent/lvsmon-test/users.cf\n" + SERVICE_HEAD);
  }

  // ---------------------------------------------------------------- 2.4 service keywords

  private void serviceKeywords() {
    add("service-all-keywords", HOSTGROUP + "hostgroup h a\n\nwatch h\n    service t\n\n" + service(
        "failure_interval 20s",
        "allow_empty_group",
        "description checks   the thing",
        "exclude_hosts h2  h1",
        "exclude_period hr {1am-3am}",
        "randskew 5s",
        "traptimeout 10m",
        "trapduration 30s",
        "depend SELF:t && h:t",
        "alertdepend h:t",
        "monitordepend SELF:t",
        "hostdepend h:t",
        "dep_behavior hm",
        "dep_memory 2m",
        "redistribute   redist.alert   -a b",
        "unack_summary yes"));
    add("interval-units", service("interval 1.5M") + "    service t\n        interval 2H\n    service u\n        interval 1d\n"
        + "    service v\n        interval 45S\n    service w\n        interval 0.5s\n");
    add("interval-without-unit", service("interval 60"));
    add("interval-zero", service("interval 0s"));
    add("interval-zero-written-00s", service("interval 00s"));
    add("interval-zero-written-0.0s", service("interval 0.0s"));
    add("interval-space-before-unit", service("interval 5 m"));
    add("interval-repeated-last-wins", service("interval 5m"));
    add("failure-interval-invalid", service("failure_interval soon"));
    add("monitor-no-hosts-suffix", service("monitor tcp.monitor -p 22 ;;") + "    service t\n        monitor x.monitor;;\n");
    add("monitor-quoted-args", service("monitor http.monitor -u \"/a b\" 'c d' e\\ f"));
    add("monitor-unbalanced-quote", service("monitor http.monitor -u \"/a b"));
    add("monitor-without-program", service("monitor"));
    add("monitor-with-equals", service("monitor=foo.monitor"));
    add("redistribute-unbalanced-quote", service("redistribute x.alert 'oops"));
    add("description-empty", service("description"));
    add("exclude-period-malformed", service("exclude_period hr {25}"));
    add("randskew-invalid", service("randskew 5"));
    add("randskew-zero", service("randskew 0s"));
    add("traptimeout-invalid", service("traptimeout 1y"));
    add("trapduration-invalid", service("trapduration x"));
    add("dep-behavior-m", service("dep_behavior m"));
    add("dep-behavior-invalid", service("dep_behavior hard"));
    add("dep-memory-zero", service("dep_memory 0s"));
    add("depend-empty", service("depend"));
    add("dep-is-not-a-keyword", service("dep g:s"));
    add("unack-summary-values",
        service("unack_summary no") + "    service t\n        unack_summary 1\n    service u\n        unack_summary maybe\n"
            + "    service v\n        unack_summary none\n    service w\n        unack_summary 0\n");
    add("unack-summary-bare", service("unack_summary"));
    add("unack-summary-invalid", service("unack_summary 2"));
    add("unknown-service-keyword", service("intervall 5m"));
    add("interval-after-period", service("period wd {Sun-Sat}", "interval 5m"));
    add("monitor-after-period", service("period wd {Sun-Sat}", "    alert mail.alert root", "monitor x.monitor"));
    add("alert-before-period", service("alert mail.alert root"));
    add("several-errors-first-one-counts",
        service("interval 5", "monitor ok.monitor", "bogus keyword", "period wd {Mon", "    alertafter 1d"));
  }

  // ---------------------------------------------------------------- 2.5 periods

  private void periods() {
    add("period-label", service("period p1: wd {Mon-Fri}", "    alert mail.alert a", "period P_2 : hr {9-17}",
        "    alert mail.alert b", "period wd {Mon-Fri}", "    alert mail.alert c"));
    add("period-label-only", service("period lbl:", "    alert mail.alert a"));
    add("period-empty-is-always", service("period", "    alert mail.alert a"));
    add("period-none", service("period none", "    alert mail.alert a"));
    add("period-label-cannot-start-with-digit", service("period 1a: hr {1}"));
    add("period-duplicate-spec", service("period wd {Mon-Fri}", "period wd {Mon-Fri}"));
    add("period-duplicate-label", service("period a: wd {Mon-Fri}", "period a: wd {Sat-Sun}"));
    add("period-same-spec-different-labels", service("period a: wd {Mon-Fri}", "period b: wd {Mon-Fri}"));
    add("period-label-equals-other-spec", service("period hr {1}", "period x: hr {1}", "period y: hr {2}"));
    add("period-malformed-brace", service("period wd {Mon-Fri"));
    add("period-malformed-hour", service("period hr {25}"));
    add("period-malformed-scale", service("period foo {1}"));
    add("period-malformed-labelled", service("period l: wd {Mon-Fri} bogus"));
    add("period-day-name-two-letters", service("period wd {Mon-Fry}"));
    add("period-no-spaces", service("period wd{Mon-Fri}hr{7am-7pm}"));
    add("period-several-subperiods", service("period wd {Mon-Fri} hr {8pm-6am}, wd {Sat-Sun}"));
    add("period-unknown-keyword", service("period wd {Sun-Sat}", "    alert mail.alert a", "    alertz 5"));
    add("periods-in-two-services",
        service("period a: hr {1}", "    alert mail.alert a") + "    service t\n        period a: hr {1}\n"
            + "            upalert mail.alert b\n");
  }

  // ---------------------------------------------------------------- period keywords

  private void alertKeywords() {
    add("alert-kinds", period("alert mail.alert -S x root", "alert  file.alert  /tmp/x", "upalert mail.alert up",
        "startupalert mail.alert start", "ackalert mail.alert ack", "disablealert mail.alert off",
        "no_comp_alerts", "alerts_dont_count", "numalerts 3", "alertexitrange 2-3"));
    add("alert-exit-ranges", period("alert exit=2 mail.alert a", "alert exit=3-255 page.alert b", "alert EXIT=1 x.alert",
        "upalert exit=0 up.alert"));
    add("alert-exit-spaced", period("alert exit = 2 mail.alert a", "alert exit=02-0003   page.alert   b c"));
    add("alert-exit-not-a-range", period("alert exit=foo mail.alert a"));
    add("alert-exit-empty-range", period("alert exit=3-1 mail.alert a"));
    add("alert-exit-without-program", period("alert exit=2"));
    add("alert-without-program", period("alert"));
    add("alert-unbalanced-quote", period("alert mail.alert \"root"));
    add("alert-line-ending-in-backslash-continues", period("upalert mail.alert root\\", "alert x.alert"));
    add("alert-escaped-space", period("alert mail.alert a\\ b 'c\\' d'"));
    add("alertevery-plain", period("alertevery 1h"));
    add("alertevery-modes", service("period a: hr {1}", "    alertevery 1h observe_detail", "period b: hr {2}",
        "    alertevery 2m IGNORE_SUMMARY", "period c: hr {3}", "    alertevery 30s strict", "period d: hr {4}",
        "    alertevery 1.5h summary", "period e: hr {5}", "    alertevery 1h Summary"));
    add("alertevery-without-unit", period("alertevery 60"));
    add("alertevery-zero", period("alertevery 0s"));
    add("alertevery-unknown-mode", period("alertevery 1h often"));
    add("alertevery-two-times-strict", period("alertevery 1h 2h strict"));
    add("alertevery-summary-with-trailing-words", period("alertevery 1h summary please"));
    add("alertafter-count", period("alertafter 3"));
    add("alertafter-time", period("alertafter 10m"));
    add("alertafter-count-and-time", period("alertafter 2 10m"));
    add("alertafter-all-forms-combine", period("alertafter 2 10m", "alertafter 3", "alertafter 15m"));
    add("alertafter-days-rejected", period("alertafter 1d"));
    add("alertafter-fraction-rejected", period("alertafter 1.5m"));
    add("alertafter-upper-case-unit-rejected", period("alertafter 10M"));
    add("alertafter-zero-time", period("alertafter 0m"));
    add("alertafter-count-and-zero-time", period("alertafter 2 0s"));
    add("alertafter-empty", period("alertafter"));
    add("alertafter-not-sensible", HOSTGROUP + "watch g\n    service s\n        interval 30m\n"
        + "        period wd {Sun-Sat}\n            alertafter 2 30m\n");
    add("alertafter-just-sensible", HOSTGROUP + "watch g\n    service s\n        interval 30m\n"
        + "        period wd {Sun-Sat}\n            alertafter 2 31m\n");
    add("alertafter-window-without-interval", HOSTGROUP + "watch g\n    service s\n"
        + "        period wd {Sun-Sat}\n            alertafter 5 1m\n");
    add("alertafter-words-before-window", period("alertafter at least 2 10m"));
    add("numalerts-ten-digits", period("numalerts 1234567890"));
    add("alertafter-count-ten-digits", period("alertafter 1234567890"));
    add("numalerts-invalid", period("numalerts three"));
    add("numalerts-negative", period("numalerts -1"));
    add("alertexitrange-invalid", period("alertexitrange 2-"));
    add("alertexitrange-reversed", period("alertexitrange 5-3"));
    add("upalertafter", period("upalertafter 5m", "upalert mail.alert up"));
    add("upalertafter-zero", period("upalertafter 0s"));
    add("upalertafter-invalid", period("upalertafter 5"));
    add("service-keyword-in-period", period("description late"));
  }

  // ---------------------------------------------------------------- helpers

  /** The standard head (hostgroup g, watch g, service s with interval and monitor) plus lines. */
  private static String service(String... lines) {
    StringBuilder b = new StringBuilder(SERVICE_HEAD);
    for (String l : lines) {
      b.append(SERVICE_INDENT).append(l).append('\n');
    }
    return b.toString();
  }

  /** {@link #service} with a {@code period wd {Sun-Sat}} holding these lines. */
  private static String period(String... lines) {
    StringBuilder b = new StringBuilder(service("period wd {Sun-Sat}"));
    for (String l : lines) {
      b.append(PERIOD_INDENT).append(l).append('\n');
    }
    return b.toString();
  }

  private void add(String name, String content) {
    if (cases.putIfAbsent(name, new Case(name, content)) != null) {
      throw new IllegalStateException("duplicate case name " + name);
    }
  }
}
