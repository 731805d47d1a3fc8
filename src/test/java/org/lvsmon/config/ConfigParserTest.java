package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar of mon.cf as mon 1.3.x reads it (reference sections 2.1-2.9). */
class ConfigParserTest {
  private static MonConfig parse(String text) throws ConfigException {
    return new MonConfigParser().parse(text, Path.of("mon.cf"));
  }

  private static Service only(MonConfig c) {
    return c.services().findFirst().orElseThrow();
  }

  @Test
  void blankLineInsideWatch_endsTheWatch_andLaterServicesAreDroppedWithAWarning() throws Exception {
    MonConfig c = parse("watch g1\n    service s1\n        interval 1m\n\n    service s2\n        interval 1m\n");

    assertThat(c.watch("g1").orElseThrow().services()).extracting(Service::name).containsExactly("s1");
    assertThat(c.problems(ConfigProblem.Kind.WARNING)).extracting(ConfigProblem::toString)
        .anyMatch(s -> s.startsWith("mon.cf:5: warning: line ignored: the blank line at line 4 ended watch \"g1\""));
  }

  @Test
  void commentLines_areSkippedAnywhere_evenBetweenContinuationLines() throws Exception {
    MonConfig c = parse("hostgroup g a b \\\n# a comment\n   c\n    d\n\nwatch g\n# x\n    service s\n        interval 5m\n");

    assertThat(c.hosts("g")).containsExactly("a", "b", "c", "d");
    assertThat(only(c).interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void continuation_joinsWithoutInsertingASpace() throws Exception {
    MonConfig c = parse("hostgroup g a\\\n   b\n");

    assertThat(c.hosts("g")).containsExactly("ab");
  }

  @Test
  void crlfLineEndings_work() throws Exception {
    MonConfig c = parse("hostgroup g h1\r\n\r\nwatch g\r\n    service s\r\n        interval 5m\r\n");

    assertThat(only(c).interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.hosts("g")).containsExactly("h1");
  }

  @Test
  void errorLine_isTheLastPhysicalLineOfAContinuedLine() {
    ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
        () -> parse("snmp = \\\n  yes\n"));

    assertThat(e.problems().get(0).line()).isEqualTo(2);
  }

  @Test
  void watchWithoutHostgroup_getsASingletonGroup_andAWarning() throws Exception {
    MonConfig c = parse("watch 10.0.0.7\n    service ping\n        interval 1m\n");

    assertThat(c.hosts("10.0.0.7")).containsExactly("10.0.0.7");
    assertThat(c.hostgroups().get("10.0.0.7").implicit()).isTrue();
    assertThat(c.problems(ConfigProblem.Kind.WARNING)).isNotEmpty();
  }

  @Test
  void globals_mayAppearAnywhereOutsideAWatch_evenInsideAHostgroup() throws Exception {
    MonConfig c = parse("hostgroup g a\nmaxprocs=5\n    b\n\nwatch g\n    service s\n        interval 1m\n\nhistlength = 7\n");

    assertThat(c.globals().maxprocs()).isEqualTo(5);
    assertThat(c.globals().histlength()).isEqualTo(7);
    // mon ends nothing on a global line: the hostgroup goes on
    assertThat(c.hosts("g")).containsExactly("a", "b");
  }

  @Test
  void aLineNamingAnotherRecordInsideAHostgroup_becomesHosts_asInMon() throws Exception {
    MonConfig c = parse("hostgroup g a\nwatch g\n");

    assertThat(c.hosts("g")).containsExactly("a", "watch", "g");
    assertThat(c.watches()).isEmpty();
  }

  @Test
  void serviceKeywords_areTyped() throws Exception {
    MonConfig c = parse("""
        hostgroup g h1 h2 h3
        
        watch g
            service s
                description sshd "on" nodes
                interval 1.5m
                failure_interval 20s
                monitor tcp.monitor -p 22 -t "10"
                allow_empty_group
                exclude_hosts h3 h2
                exclude_period wd {Sun} hr {2am-4am}
                randskew 10s
                traptimeout 26h
                trapduration 1h
                depend SELF:ping && other:svc
                dep_behavior m
                dep_memory 5m
                redistribute dist.alert "a b" c
                unack_summary yes
                SSH_BANNER=SSH-2.0  with spaces
            service ping
                interval 1m
        """);
    Service s = c.watch("g").orElseThrow().service("s").orElseThrow();

    assertThat(s.description()).isEqualTo("sshd \"on\" nodes");
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.failureInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.monitor().command().name()).isEqualTo("tcp.monitor");
    assertThat(s.monitor().command().args()).containsExactly("-p", "22", "-t", "10");
    assertThat(s.monitor().appendHosts()).isTrue();
    assertThat(s.allowEmptyGroup()).isTrue();
    assertThat(s.excludeHosts()).containsExactly("h3", "h2");
    assertThat(s.excludePeriod().spec()).isEqualTo("wd {Sun} hr {2am-4am}");
    assertThat(s.randskew()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.trapTimeout()).isEqualTo(Duration.ofHours(26));
    assertThat(s.trapDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(s.depend().expression()).isEqualTo("g:ping && other:svc");
    assertThat(s.depend().terms()).containsExactly(new ServiceRef("g", "ping"), new ServiceRef("other", "svc"));
    assertThat(s.depBehavior()).isEqualTo(DepBehavior.MONITOR);
    assertThat(s.depMemory()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.redistribute().args()).containsExactly("a b", "c");
    assertThat(s.unackSummary()).isTrue();
    assertThat(s.env()).containsEntry("SSH_BANNER", "SSH-2.0  with spaces");
    assertThat(c.problems(ConfigProblem.Kind.WARNING)).extracting(ConfigProblem::message)
        .anyMatch(m -> m.contains("depends on other:svc, which is not defined"));
  }

  @Test
  void monitorEndingInDoubleSemicolon_doesNotAppendHosts_withOrWithoutSpace() throws Exception {
    MonConfig c = parse("watch g\n    service a\n        monitor loadavg.monitor 50 40 30 ;;\n    service b\n        monitor x.monitor --x \"quoted arg\";;\n");

    Service a = c.watch("g").orElseThrow().service("a").orElseThrow();
    Service b = c.watch("g").orElseThrow().service("b").orElseThrow();
    assertThat(a.monitor().appendHosts()).isFalse();
    assertThat(a.monitor().command().args()).containsExactly("50", "40", "30");
    assertThat(b.monitor().appendHosts()).isFalse();
    assertThat(b.monitor().command().args()).containsExactly("--x", "quoted arg");
  }

  @Test
  void periodKeywords_areTyped_andLabelsBecomeKeys() throws Exception {
    MonConfig c = parse("""
        watch g
            service s
                interval 1m
                period day: wd {Mon-Fri} hr {7am-7pm}
                    alert mail.alert -S "ssh down" admin@example.org
                    alert exit=2-255 page.alert oncall
                    upalert mail.alert admin@example.org
                    startupalert start.alert
                    ackalert ack.alert
                    disablealert dis.alert
                    alertafter 3 15m
                    alertevery 1h observe_detail
                    numalerts 3
                    no_comp_alerts
                    alertexitrange 1-2
                    alerts_dont_count
                period wd {Sat-Sun}
                    alertafter 2
                    alertafter 10m
                    alertevery 4h strict
        """);
    Period day = only(c).periods().get(0);
    Period weekend = only(c).periods().get(1);

    assertThat(day.key()).isEqualTo("day");
    assertThat(day.label()).isEqualTo("day");
    assertThat(day.when().spec()).isEqualTo("wd {Mon-Fri} hr {7am-7pm}");
    assertThat(day.alerts()).hasSize(2);
    assertThat(day.alerts().get(0).command().args()).containsExactly("-S", "ssh down", "admin@example.org");
    assertThat(day.alerts().get(0).exitRange()).isNull();
    assertThat(day.alerts().get(1).exitRange()).isEqualTo(new ExitRange(2, 255));
    assertThat(day.alerts().get(1).appliesTo(1)).isFalse();
    assertThat(day.upalerts()).hasSize(1);
    assertThat(day.startupalerts()).hasSize(1);
    assertThat(day.ackalerts()).hasSize(1);
    assertThat(day.disablealerts()).hasSize(1);
    assertThat(day.alertAfter()).isEqualTo(new AlertAfter(null, 3, Duration.ofMinutes(15)));
    assertThat(day.alertEvery()).isEqualTo(new AlertEvery(Duration.ofHours(1), AlertEvery.Mode.OBSERVE_DETAIL));
    assertThat(day.numAlerts()).isEqualTo(3);
    assertThat(day.noCompAlerts()).isTrue();
    assertThat(day.alertExitRange()).isEqualTo(new ExitRange(1, 2));
    assertThat(day.alertsDontCount()).isTrue();
    assertThat(weekend.key()).isEqualTo("wd {Sat-Sun}");
    assertThat(weekend.label()).isNull();
    // mon keeps the forms in separate fields, so both lines count
    assertThat(weekend.alertAfter()).isEqualTo(new AlertAfter(2, null, Duration.ofMinutes(10)));
    assertThat(weekend.alertEvery().mode()).isEqualTo(AlertEvery.Mode.STRICT);
    assertThat(only(c).hasUpalert()).isTrue();
  }

  @Test
  void alertevery_legacySummaryWord_isAcceptedAndMeansTheDefault() throws Exception {
    MonConfig c = parse("watch g\n    service s\n        period wd {Sun-Sat}\n            alertevery 1h summary\n");

    assertThat(only(c).periods().get(0).alertEvery().mode()).isEqualTo(AlertEvery.Mode.SUMMARY);
  }

  @Test
  void depBehaviorAndUnackSummaryGlobals_applyOnlyToServicesDefinedAfterThem() throws Exception {
    MonConfig c = parse("watch a\n    service s\n        interval 1m\n\ndep_behavior = hm\nunack_summary = yes\n\nwatch b\n    service s\n        interval 1m\n");

    assertThat(c.watch("a").orElseThrow().services().get(0).depBehavior()).isEqualTo(DepBehavior.ALERT);
    assertThat(c.watch("a").orElseThrow().services().get(0).unackSummary()).isFalse();
    assertThat(c.watch("b").orElseThrow().services().get(0).depBehavior()).isEqualTo(DepBehavior.HOST_MONITOR);
    assertThat(c.watch("b").orElseThrow().services().get(0).unackSummary()).isTrue();
  }

  @Test
  void viewsAndAliases_continueUntilABlankLine() throws Exception {
    MonConfig c = parse("view lvs login\n   heartbeat web:ssh\n\nalias help\nline one\n  watch x\n\n");

    assertThat(c.views().get("lvs").members()).containsExactly("login", "heartbeat", "web:ssh");
    assertThat(c.aliases().get("help")).containsExactly("line one", "watch x");
  }

  @Test
  void everyGlobalKeyword_isAcceptedAndTyped() throws Exception {
    MonConfig c = parse("""
        basedir = /usr/lib/mon
        cfbasedir = /etc/mon
        alertdir = /a:/b
        mondir = /m1 : /m2
        statedir = /var/lib/mon
        logdir = /var/log/mon
        authtype = getpwnam userfile
        pamservice = passwd
        serverbind = 127.0.0.1
        serverport = 2583
        trapbind = 127.0.0.1
        trapport = 2584
        clientallow = 127.0.0.1 10\\.1\\.0\\.\\d+
        pidfile =
        maxprocs = 20
        histlength = 100
        historicfile = history.log
        historictime = 7d
        randstart = 60s
        cltimeout = 1m
        monerrfile = /var/log/mon/mon.err
        dtlogging = yes
        dtlogfile = dtlog
        dep_recur_limit = 10
        dep_memory = 5m
        unack_summary = no
        syslog_facility = local0
        startupalerts_on_reset = on
        monremote = /usr/local/bin/remote
        exclude_period = wd {Sun} hr {3am}
        """);
    Globals g = c.globals();

    assertThat(g.alertdir()).containsExactly("/a", "/b");
    assertThat(g.mondir()).containsExactly("/m1", "/m2");
    assertThat(g.authtype()).containsExactly("getpwnam", "userfile");
    assertThat(g.serverport()).isEqualTo(2583);
    assertThat(g.trapport()).isEqualTo(2584);
    assertThat(g.clientallow()).containsExactly("127\\.0\\.0\\.1", "10\\.1\\.0\\.\\d+");
    assertThat(g.pidfile()).isEmpty();
    assertThat(g.historictime()).isEqualTo(Duration.ofDays(7));
    assertThat(g.randstart()).isEqualTo(Duration.ofSeconds(60));
    assertThat(g.cltimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(g.dtlogging()).isTrue();
    assertThat(g.startupalertsOnReset()).isTrue();
    assertThat(g.excludePeriod().spec()).isEqualTo("wd {Sun} hr {3am}");
    assertThat(c.globalLines()).containsEntry("trapport", 12);
  }

  @Test
  void mondirWithAnSNextToAColon_warnsAboutMonsPathSplittingBug() throws Exception {
    MonConfig c = parse("mondir = /opt/monitors:/usr/lib/mon/mon.d\n");

    assertThat(c.globals().mondir()).containsExactly("/opt/monitors", "/usr/lib/mon/mon.d");
    assertThat(c.problems(ConfigProblem.Kind.WARNING)).extracting(ConfigProblem::message)
        .anyMatch(m -> m.contains("drops that \"s\""));
  }

  @Test
  void periodWithoutLabel_mayContainColonsInTheSpec_andMonsSquashedSyntaxParses() throws Exception {
    MonConfig c = parse("watch g\n    service s\n        period wd{Mon-Fri}hr{7am-7pm}\n        period wd {Mon-Fry}\n");

    assertThat(only(c).periods()).extracting(Period::key)
        .containsExactly("wd{Mon-Fri}hr{7am-7pm}", "wd {Mon-Fry}");
  }

  @Test
  void repeatedServiceKeyword_lastWins_withAWarning() throws Exception {
    MonConfig c = parse("watch g\n    service s\n        interval 1m\n        interval 2m\n");

    assertThat(only(c).interval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.problems(ConfigProblem.Kind.WARNING)).extracting(ConfigProblem::line).contains(4);
  }

  @Test
  void extensionKeyword_isStoredTyped_andRejectedWhereNotRegistered() throws Exception {
    Extensions.Key<Duration> timeout = new Extensions.Key<>("monitor_timeout", Duration.class);
    KeywordRegistry registry = new KeywordRegistry().register(KeywordRegistry.Scope.SERVICE, "monitor_timeout",
        timeout, (args, ctx) -> Values.positiveTime("monitor_timeout", args));
    String text = "watch g\n    service s\n        monitor_timeout 30s\n";

    MonConfig c = new MonConfigParser(registry).parse(text, Path.of("mon.cf"));

    assertThat(only(c).extensions().get(timeout)).contains(Duration.ofSeconds(30));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parse(text))).isInstanceOf(ConfigException.class);
  }

  @Test
  void unackSummaryWithoutValue_meansYes() throws Exception {
    MonConfig c = parse("watch g\n    service s\n        unack_summary\n");

    assertThat(only(c).unackSummary()).isTrue();
  }

  @Test
  void hostgroupWithoutWatch_isAWarningNotAnError() throws Exception {
    MonConfig c = parse("hostgroup spare h9\n");

    assertThat(c.problems()).extracting(ConfigProblem::toString)
        .containsExactly("mon.cf:1: warning: hostgroup \"spare\" has no watch assigned to it");
  }

  @Test
  void everyErrorOfAFile_isReportedInOnePass() {
    ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class, () -> parse(
        "snmp = 1\nwatch g\n    service s\n        interval 60\n        period hr {25}\n            alertaftr 2\n"));

    assertThat(e.problems()).filteredOn(p -> p.kind() == ConfigProblem.Kind.ERROR)
        .extracting(ConfigProblem::line).containsExactly(1, 4, 5, 6);
  }

  @Test
  void emptyFile_isAValidConfigWithNothingInIt() throws Exception {
    MonConfig c = parse("");

    assertThat(c.watches()).isEmpty();
    assertThat(List.copyOf(c.problems())).isEmpty();
  }
}
