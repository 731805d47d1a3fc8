package org.lvsmon.config;

import java.time.Duration;
import java.util.List;

/** Mutable collector for {@link Globals} while a file is parsed; keyword handlers set its fields. */
final class GlobalsBuilder {
  List<String> alertdir;
  List<String> mondir;
  String basedir;
  String cfbasedir;
  String statedir;
  String logdir;
  String authfile;
  List<String> authtype;
  String userfile;
  String pamservice;
  String serverbind;
  Integer serverport;
  String trapbind;
  Integer trapport;
  List<String> clientallow;
  String pidfile;
  Integer maxprocs;
  Integer histlength;
  String historicfile;
  Duration historictime;
  Duration randstart;
  Duration cltimeout;
  String monerrfile;
  Boolean dtlogging;
  String dtlogfile;
  Integer depRecurLimit;
  String syslogFacility;
  Boolean startupalertsOnReset;
  String monremote;
  TimePeriod excludePeriod;
  final Extensions.Builder extensions = new Extensions.Builder();

  // Defaults for services defined after these lines (mon applies them at "service" time).
  DepBehavior depBehavior = DepBehavior.ALERT;
  Duration depMemory;
  boolean unackSummary;

  Globals build() {
    return new Globals(
        alertdir, mondir, basedir, cfbasedir, statedir, logdir, authfile, authtype, userfile,
        pamservice, serverbind, serverport, trapbind, trapport, clientallow, pidfile, maxprocs,
        histlength, historicfile, historictime, randstart, cltimeout, monerrfile, dtlogging,
        dtlogfile, depRecurLimit, syslogFacility, startupalertsOnReset, monremote, excludePeriod,
        extensions.build());
  }
}
