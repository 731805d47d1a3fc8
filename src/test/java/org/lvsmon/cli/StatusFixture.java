package org.lvsmon.cli;

import java.util.List;
import org.lvsmon.control.CannedDaemon;
import org.lvsmon.control.Reply;

/** Canned replies of a daemon with four services and two balanced real servers, at servertime 1795311507. */
final class StatusFixture {
  private StatusFixture() {}

  static final String COMMON = " last_trap=0 last_traphost= ";
  static final String DEPS = " depstatus= depend= hostdepend= monitordepend= alertdepend=";

  /** Failing for 5 minutes, checked 10 s ago, next in 3 s, one alert. */
  static final String LOGIN_SSH = "group=login service=ssh opstatus=0 last_opstatus=0 exitval=1 timer=3 last_success=0"
      + COMMON + "last_check=1795311497 ack=0 ackcomment= alerts_sent=1" + DEPS
      + " monitor=tcp.monitor\\20-p\\2022\\20-t\\203 last_summary=127.0.0.1\\20localhost"
      + " last_detail=\\0a127.0.0.1\\20could\\20not\\20connect:\\20Connection\\20refused\\0a last_failure=1795311493"
      + " interval=5 monitor_duration=1 monitor_running=0 last_alert=1795311493 first_failure=1795311207"
      + " failure_duration=300";
  /** OK since a failure an hour ago, its monitor running now. */
  static final String LOGIN_LOAD = "group=login service=load opstatus=1 last_opstatus=0 exitval=0 timer=0"
      + " last_success=1795311493" + COMMON + "last_check=1795311497 ack=0 ackcomment= alerts_sent=0" + DEPS
      + " monitor=loadavg.monitor\\2050\\2040\\2030\\20;; last_summary= last_detail= last_failure=1795307907"
      + " interval=1.5 monitor_duration=1 monitor_running=1";
  /** Not run yet. */
  static final String WEB_SSH = "group=web service=ssh opstatus=7 last_opstatus=7 exitval=undef timer=2"
      + " last_success=0" + COMMON + "last_check= ack=0 ackcomment= alerts_sent=0" + DEPS
      + " monitor=tcp.monitor\\20-p\\2022\\20-t\\203 last_summary= last_detail= interval=5 monitor_duration=-1"
      + " monitor_running=0";
  /** Failing for 2 days, acknowledged, with a long summary holding an escape sequence. */
  static final String WEB_LOAD = "group=web service=load opstatus=0 last_opstatus=1 exitval=1 timer=61"
      + " last_success=1795100000" + COMMON + "last_check=1795311500 ack=1795311024"
      + " ackcomment=alice:\\20working\\20on\\20it alerts_sent=2" + DEPS
      + " monitor=loadavg.monitor last_summary=load\\2012.5\\2011.0\\2010.2\\20>=\\205\\204\\203\\20\\1b[2J"
      + "on\\20every\\20login\\20node\\20of\\20the\\20cluster last_detail= last_failure=1795311500 interval=60"
      + " monitor_duration=0 monitor_running=0 last_alert=1795311024 first_failure=1795130000"
      + " failure_duration=181507";

  static final String NODE1 = "vs=tcp:10.99.203.43:22 rs=10.0.0.11:22 host=node1 group=login service=load"
      + " desired=37 kernel=37 active=3 inactive=1 load1=0.42 cpus=8 state=up drained=0 reason=load\\200.42/cpu";
  static final String NODE2 = "vs=tcp:10.99.203.43:22 rs=10.0.0.12:22 host=node2 group=login service=load"
      + " desired=0 kernel=0 active=12 inactive=40 load1= cpus= state=drained drained=1"
      + " reason=drained:\\20kernel\\20upgrade";

  static final String SERVERTIME = "1795311507 Sun Nov 22 01:38:27 2026";

  static Reply opstatus() {
    return Reply.of(List.of(LOGIN_SSH, LOGIN_LOAD, WEB_SSH, WEB_LOAD), "220 list opstatus completed");
  }

  static Reply ipvs() {
    return Reply.of(List.of(NODE1, NODE2), "220 list ipvs completed");
  }

  static Reply running() {
    return Reply.of(List.of("scheduler running"), "220 list state completed");
  }

  static Reply servertime() {
    return Reply.of(List.of(SERVERTIME), "220 servertime completed");
  }

  /** A daemon answering the four requests of {@code lvsmon status}. */
  static CannedDaemon daemon() {
    CannedDaemon d = new CannedDaemon();
    d.answer("list opstatus", opstatus().lines().toArray(String[]::new));
    d.answer("list ipvs", ipvs().lines().toArray(String[]::new));
    d.answer("list state", running().lines().toArray(String[]::new));
    d.answer("servertime", servertime().lines().toArray(String[]::new));
    return d;
  }
}
