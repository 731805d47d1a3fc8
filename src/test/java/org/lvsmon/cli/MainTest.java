package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in-process: exit statuses, output streams, and mon's option syntax. */
class MainTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void checkConfig_validFile_exitsZeroWithOneLineSummary() {
    int status = run("check-config", "test-fixtures/mon-examples/01-login-nodes-basic.cf");

    assertThat(status).isZero();
    assertThat(out.toString().strip())
        .isEqualTo("test-fixtures/mon-examples/01-login-nodes-basic.cf: OK: 1 hostgroup, 1 watch, 2 services, 2 periods");
  }

  @Test
  void checkConfig_brokenFile_exitsOneWithEveryErrorOnStderr() throws Exception {
    Path f = write("bad.cf", "snmp = 1\nwatch g\n    service s\n        interval 60\n");

    int status = run("check-config", f.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains(f + ":1: unknown global variable \"snmp\"")
        .contains(f + ":4: interval: invalid time value \"60\"").contains(f + ": 2 errors");
  }

  @Test
  void checkConfig_balanceService_isAccepted_andTwoWritersOfOneRealServerAreNot() throws Exception {
    String watch = "  service load\n    interval 5s\n    monitor ssh-load.monitor\n    balance tcp 10.99.0.1:22 ceiling=50\n";
    Path one = write("one.cf", "hostgroup a 10.0.0.1 10.0.0.2\n\nwatch a\n" + watch);
    Path two = write("two.cf", "hostgroup a 10.0.0.1 10.0.0.2\nhostgroup b 10.0.0.2\n\nwatch a\n" + watch
        + "\nwatch b\n" + watch);

    assertThat(run("check-config", one.toString())).as(err.toString()).isZero();
    int status = run("check-config", two.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains(two + ":14: balance: real server 10.0.0.2:22 of TCP 10.99.0.1:22 is already"
        + " driven by a:load (" + two + ":8); a real server has exactly one writer");
  }

  @Test
  void checkConfig_missingFile_namesIt() {
    int status = run("check-config", dir.resolve("nope.cf").toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("nope.cf: cannot read config file");
  }

  @Test
  void checkConfig_json_printsTheNormalizedModel() throws Exception {
    int status = run("check-config", "--json", "test-fixtures/mon-examples/03-deps-periods-variants.cf");

    assertThat(status).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    JsonNode ssh = json.at("/watches/1/services/1");
    assertThat(ssh.get("service").asText()).isEqualTo("ssh");
    assertThat(ssh.get("interval").asDouble()).isEqualTo(60.0);
    assertThat(ssh.get("depend").asText()).isEqualTo("login:ping && gateways:ping");
    assertThat(ssh.at("/periods/0/alert/1/exit").asText()).isEqualTo("2-255");
    assertThat(json.at("/hostgroups/login").size()).isEqualTo(4);
  }

  @Test
  void checkConfig_json_showsLvsmonsKeywords_durationsInSeconds() throws Exception {
    int status = run("check-config", "--json", "conf/demo.cf");

    assertThat(status).as(err.toString()).isZero();
    JsonNode service = new ObjectMapper().readTree(out.toString()).at("/watches/0/services/0");
    assertThat(service.at("/balance/service").isMissingNode()).isFalse();
    assertThat(service.at("/balance/policy/slowStart").isNumber()).as(service.toString()).isTrue();
  }

  @Test
  void checkConfig_strict_failsOnEnvironmentProblems() throws Exception {
    Path f = write("env.cf", "mondir = " + dir.resolve("missing") + "\nwatch g\n    service s\n        monitor nosuch.monitor\n");

    assertThat(run("check-config", f.toString())).isZero();
    assertThat(err.toString()).contains(":1: environment: mondir directory").contains("environment: monitor \"nosuch.monitor\"");
    assertThat(run("check-config", "--strict", f.toString())).isEqualTo(1);
  }

  @Test
  void checkConfig_looksForFailstaticalertProgramsOnTheAlertPath() throws Exception {
    Path f = write("fs.cf", "alertdir = " + dir + "\nwatch g\n    service s\n        period wd {Sun-Sat}\n"
        + "            failstaticalert nosuch.alert -x\n");

    assertThat(run("check-config", "--strict", f.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("fs.cf:4: environment: alert \"nosuch.alert\" of g/s is not an executable");
  }

  @Test
  void run_acceptsMonsOptions_withOptionalValuesAsMonsGetoptParsesThem() throws Exception {
    Path f = write("mon.cf", "watch g\n    service s\n        interval 1m\n");

    int status = run("run", "--check", "-c", f.toString(), "-l", "-S", "-f", "-d", "-d", "-M", "-i", "1", "-p", "12583",
        "-D", dir.toString(), "-L", dir.toString(), "-P", "", "-r", "10s", "extra");

    assertThat(status).as(err.toString()).isZero();
    assertThat(err.toString()).contains("ignoring extra arguments [extra]").contains("-f (fork into the background)");
  }

  @Test
  void run_loadstateTakesTheNextWordAsItsType() throws Exception {
    Path f = write("mon.cf", "watch g\n    service s\n        interval 1m\n");

    assertThat(run("run", "-l", "bogus", "-c", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("-l bogus: unknown state type");
  }

  @Test
  void run_badConfig_exitsOne() throws Exception {
    Path f = write("mon.cf", "watch g\n    service s\n        interval 60\n");

    assertThat(run("run", "-c", f.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("mon.cf:3: interval: invalid time value");
  }

  @Test
  void unknownOption_isAUsageErrorWithStatusTwo() {
    assertThat(run("run", "--no-such-option")).isEqualTo(2);
  }

  @Test
  void run_ipvsTable_needsTheMemoryTable_andABadLineIsNamed() throws Exception {
    Path f = write("mon.cf", "statedir = " + dir + "\nlogdir = " + dir + "\n\nwatch g\n    service s\n"
        + "        interval 1m\n");
    Path table = write("table.txt", "-A -t 10.255.0.1:22 -s wlc\n-a -t 10.255.0.1:22 -r 10.0.0.1:22 -g -w\n");

    assertThat(run("run", "-c", f.toString(), "--ipvs-table", table.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--ipvs-table seeds the table in memory: it needs --ipvs memory or --dry-run");
    assertThat(run("run", "-c", f.toString(), "--ipvs", "memory", "--ipvs-table", table.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--ipvs-table " + table + ": ipvsadm -Sn line 2 \"-a -t 10.255.0.1:22 -r"
        + " 10.0.0.1:22 -g -w\"");
  }
}
