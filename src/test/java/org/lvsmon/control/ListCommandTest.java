package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.control.Fixture.ref;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lvsmon.service.OpStatus;

/** Every {@code list} subcommand and its errors (reference 6.3 and the transcript of 6.5). */
class ListCommandTest {
  private final Client client = Client.lab();
  private final RecordingMonServer server = client.server;

  private void status(String group, String service, OpStatus op) {
    server.state(ref(group, service), StateBuilder.of(server.service(ref(group, service))).status(op, op).build());
  }

  private static String opstatusPrefix(String group, String service, int op) {
    return "group=" + group + " service=" + service + " opstatus=" + op + " ";
  }

  @Test
  void watch_listsEveryServiceInConfigOrder() {
    assertThat(client.send("list watch")).containsExactly("web ssh", "web load", "login ssh", "login load",
        "g1 s1", "g1 s3", "g2 s2", "220 list watch completed");
  }

  @Test
  void group_asTranscript_thenWithDisabledHostStarred() {
    assertThat(client.send("list group web")).containsExactly("hostgroup web 127.0.0.1 localhost web3.example",
        "220 list group completed");
    server.disabledHosts.add("localhost");
    assertThat(client.send("list group web")).containsExactly("hostgroup web 127.0.0.1 *localhost web3.example",
        "220 list group completed");
    assertThat(client.send("list group login")).containsExactly("hostgroup login 127.0.0.1 *localhost",
        "220 list group completed");
  }

  @Test
  void group_unknownOrMissing_isError() {
    assertThat(client.send("list group nosuch")).containsExactly("520 list group error, undefined group");
    assertThat(client.send("list group")).containsExactly("520 list group error, undefined group");
    assertThat(client.send("list group web login")).containsExactly("520 list group error, undefined group");
  }

  @Test
  void descriptions_escaped_withTrailingSpaceWhenEmpty() {
    assertThat(client.send("list descriptions")).startsWith("web ssh ssh\\20\\22on\\22\\20login\\20nodes", "web load ",
        "login ssh sshd\\20reachable\\20on\\20login\\20nodes").endsWith("220 list descriptions completed");
  }

  @Test
  void opstatus_all_oneLinePerService() {
    List<String> reply = client.send("list opstatus");
    assertThat(reply).hasSize(8).last().isEqualTo("220 list opstatus completed");
    assertThat(reply.get(2)).startsWith(opstatusPrefix("login", "ssh", 7)).contains(" exitval=undef timer=2 ");
  }

  @Test
  void opstatus_selectors_inRequestOrder_groupAloneMeansAllItsServices() {
    List<String> reply = client.send("list opstatus login,ssh web");
    assertThat(reply).hasSize(4);
    assertThat(reply.get(0)).startsWith(opstatusPrefix("login", "ssh", 7));
    assertThat(reply.get(1)).startsWith(opstatusPrefix("web", "ssh", 7));
    assertThat(reply.get(2)).startsWith(opstatusPrefix("web", "load", 7));
    assertThat(reply.get(3)).isEqualTo("220 list opstatus completed");
  }

  @Test
  void opstatus_unknownService_isError_namingTheFirstMissingOne() {
    assertThat(client.send("list opstatus web,nosuch")).containsExactly("520 web,nosuch does not exist");
    assertThat(client.send("list opstatus nosuch,x login,ssh web,y"))
        .containsExactly("520 nosuch,x does not exist");
  }

  @Test
  void opstatus_unknownGroupAlone_listsNothing_asMon() {
    assertThat(client.send("list opstatus nosuch")).containsExactly("220 list opstatus completed");
    assertThat(client.send("list opstatus web,")).hasSize(3);
  }

  @Test
  void failuresSuccessesWarnings_filterByMonsStatusSets() {
    status("web", "ssh", OpStatus.FAIL);
    status("web", "load", OpStatus.OK);
    status("login", "ssh", OpStatus.TIMEOUT);
    status("login", "load", OpStatus.WARN);
    status("g1", "s1", OpStatus.COLDSTART);
    status("g1", "s3", OpStatus.DEPEND);
    // g2 s2 stays UNTESTED

    assertThat(client.send("list failures")).hasSize(3).satisfies(r -> {
      assertThat(r.get(0)).startsWith(opstatusPrefix("web", "ssh", 0));
      assertThat(r.get(1)).startsWith(opstatusPrefix("login", "ssh", 6));
      assertThat(r.get(2)).isEqualTo("220 list failures completed");
    });
    assertThat(client.send("list successes")).hasSize(4).satisfies(r -> {
      assertThat(r.get(0)).startsWith(opstatusPrefix("web", "load", 1));
      assertThat(r.get(1)).startsWith(opstatusPrefix("g1", "s1", 2));
      assertThat(r.get(2)).startsWith(opstatusPrefix("g2", "s2", 7));
      assertThat(r.get(3)).isEqualTo("220 list successes completed");
    });
    assertThat(client.send("list warnings")).hasSize(3).satisfies(r -> {
      assertThat(r.get(0)).startsWith(opstatusPrefix("login", "load", 9));
      assertThat(r.get(1)).startsWith(opstatusPrefix("g1", "s1", 2));
      assertThat(r.get(2)).as("sic").isEqualTo("220 list successes completed");
    });
  }

  @Test
  void disabled_asTranscript() {
    assertThat(client.send("list disabled")).containsExactly("220 list disabled completed");
    server.disabledHosts.add("localhost");
    server.disabledWatches.add("web");
    server.disabledServices.add(ref("web", "ssh"));

    assertThat(client.send("list disabled")).containsExactly("group web: localhost", "group login: localhost",
        "watch web", "watch web service ssh", "220 list disabled completed");
  }

  @Test
  void alerthistAndFailurehist_escapeWholeLines() {
    server.alertHistory.add("alert web ssh 1795310965 $WORK/alert.d/record.alert (-x foo) 127.0.0.1 localhost");
    server.failureHistory.add("web ssh 1795310961 127.0.0.1 localhost");
    server.failureHistory.add("web ssh 1795310965 127.0.0.1 localhost");

    assertThat(client.send("list alerthist")).containsExactly(
        "alert\\20web\\20ssh\\201795310965\\20$WORK/alert.d/record.alert\\20(-x\\20foo)\\20127.0.0.1\\20localhost",
        "220 list alerthist completed");
    assertThat(client.send("list failurehist")).containsExactly("web\\20ssh\\201795310961\\20127.0.0.1\\20localhost",
        "web\\20ssh\\201795310965\\20127.0.0.1\\20localhost", "220 list failurehist completed");
  }

  @Test
  void history_backslashIsNotDoubled_asMonEscapesHistoryOutsideQuotes() {
    server.failureHistory.add("g s 1 C:\\path");
    assertThat(client.send("list failurehist")).first().isEqualTo("g\\20s\\201\\20C:\\path");
  }

  @Test
  void dtlog_skipsCommentsAndBlankLines() {
    server.downtimeLog = Optional.of(List.of("#", "# downtime log start 1795311480",
        "# time back up, group, service, first failure, downtime, interval, summary", "#",
        "1795311523 login ssh 1795311487 36 5 127.0.0.1", "", "  ", "1795311600 web ssh 1795311590 10 5 x\r"));
    assertThat(client.send("list dtlog")).containsExactly("1795311523 login ssh 1795311487 36 5 127.0.0.1",
        "1795311600 web ssh 1795311590 10 5 x", "220 list dtlog completed");
  }

  @Test
  void dtlog_offOrUnreadable_isError() {
    assertThat(client.send("list dtlog")).containsExactly("520 list dtlog error, dtlogging is not turned on");
    server.downtimeLogUnreadable = true;
    assertThat(client.send("list dtlog")).containsExactly("520 list dtlog error, cannot open dtlog");
  }

  @Test
  void pids_serverThenRunningMonitorsWithAProcess() {
    server.runtime(ref("web", "ssh"), 0, true, 11182);
    server.runtime(ref("web", "load"), 0, true, 0);
    assertThat(client.send("list pids")).containsExactly("server 10752", "web ssh 11182", "220 list pids completed");
  }

  @Test
  void state_runningOrStoppedSince() {
    assertThat(client.send("list state")).containsExactly("scheduler running", "220 list state completed");
    server.stoppedSince = Instant.ofEpochSecond(1795311032);
    assertThat(client.send("list state")).containsExactly("scheduler stopped since 1795311032",
        "220 list state completed");
  }

  @Test
  void deps_expressionAndComponents() {
    List<String> reply = client.send("list deps");
    assertThat(reply).contains("exp web ssh 'NONE'", "cmp web ssh NONE",
        "exp g1 s1 'g2:s2\\20&&\\20g1:s3'", "cmp g1 s1 g2:s2 g1:s3").last().isEqualTo("220 list deps completed");
    assertThat(reply).hasSize(15);
  }

  @Test
  void aliases_allOrNamed_eachEndedByAnEmptyLine() {
    assertThat(client.send("list aliases")).containsExactly("alias opsdesk", "login ssh", "web ssh", "",
        "220 list aliases completed");
    assertThat(client.send("list aliases nosuch opsdesk")).containsExactly("alias nosuch", "", "alias opsdesk",
        "login ssh", "web ssh", "", "220 list aliases completed");
    assertThat(client.send("list aliasgroups")).containsExactly("opsdesk", "220 list aliasgroups completed");
  }

  @Test
  void aliasgroups_withoutAliases_isJustTheStatus() {
    Client c = new Client(new RecordingMonServer(Fixture.parse("hostgroup a h\n"), Fixture.allowAll()),
        Authenticator.REFUSE_ALL);
    assertThat(c.send("list aliasgroups")).containsExactly("220 list aliasgroups completed");
    assertThat(c.send("list views")).containsExactly("views ", "220 list group completed");
  }

  @Test
  void views_sortedNames_withMonsStatusText() {
    assertThat(client.send("list views")).containsExactly("views empty ops", "220 list group completed");
  }

  @Test
  void unknownOrMissingSubcommand_isError() {
    assertThat(client.send("list bogus")).containsExactly("520 unknown list command");
    assertThat(client.send("list")).containsExactly("520 unknown list command");
    assertThat(client.send("list WATCH")).containsExactly("520 unknown list command");
  }

  @Test
  void view_limitsWatchOpstatusDescriptionsDepsAndDisabled() {
    server.disabledHosts.add("n1");
    server.disabledServices.add(ref("login", "load"));
    server.disabledServices.add(ref("web", "load"));
    client.send("setview ops");

    assertThat(client.send("list watch")).containsExactly("web ssh", "web load", "login ssh",
        "220 list watch completed");
    assertThat(client.send("list opstatus")).hasSize(4);
    assertThat(client.send("list descriptions")).hasSize(4);
    assertThat(client.send("list deps")).hasSize(7);
    assertThat(client.send("list disabled")).containsExactly("watch web service load", "220 list disabled completed");
    assertThat(client.send("list opstatus g1")).as("selectors ignore the view, as in mon").hasSize(3);
  }

  @Test
  void viewOfUnknownGroups_showsNothing() {
    client.send("setview empty");
    assertThat(client.send("list watch")).containsExactly("220 list watch completed");
  }
}
