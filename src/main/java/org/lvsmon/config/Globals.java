package org.lvsmon.config;

import java.time.Duration;
import java.util.List;

/**
 * The global {@code name = value} settings exactly as the config file gave them; a null field was not
 * set. Paths stay as written because mon resolves relative ones against {@code basedir}, {@code
 * cfbasedir} or {@code logdir}, which the command line may override; see {@code Settings}.
 */
public record Globals(
    List<String> alertdir,
    List<String> mondir,
    String basedir,
    String cfbasedir,
    String statedir,
    String logdir,
    String authfile,
    List<String> authtype,
    String userfile,
    String pamservice,
    String serverbind,
    Integer serverport,
    String trapbind,
    Integer trapport,
    List<String> clientallow,
    String pidfile,
    Integer maxprocs,
    Integer histlength,
    String historicfile,
    Duration historictime,
    Duration randstart,
    Duration cltimeout,
    String monerrfile,
    Boolean dtlogging,
    String dtlogfile,
    Integer depRecurLimit,
    String syslogFacility,
    Boolean startupalertsOnReset,
    String monremote,
    TimePeriod excludePeriod,
    Extensions extensions) {}
