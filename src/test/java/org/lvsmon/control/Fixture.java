package org.lvsmon.control;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;

/**
 * The config the protocol tests run against: the lab config of the reference transcripts (watches
 * {@code web} and {@code login}, each with {@code ssh} and {@code load}), plus a view, an alias, a
 * dependency and a single-host group. The clock stands at the transcript's {@code servertime}.
 */
final class Fixture {
  static final Instant NOW = Instant.ofEpochSecond(1795310970L);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String CONFIG = """
      hostgroup web 127.0.0.1 localhost web3.example

      hostgroup login 127.0.0.1 \\
          localhost

      hostgroup g1 n1

      hostgroup g2 n2

      view ops web login:ssh

      view empty nosuchgroup

      alias opsdesk
      login ssh
      web ssh

      watch web
          service ssh
              description ssh "on" login nodes
              interval 5s
              monitor tcp.monitor -p 22 -t 3
              period wd {Sun-Sat}
                  alert record.alert -x foo
                  upalert record.alert -x foo
          service load
              interval 5s
              monitor loadavg.monitor 50 40 30 ;;
              period wd {Mon-Fri} hr {7am-7pm}
                  alert record.alert root@localhost

      watch login
          service ssh
              description sshd reachable on login nodes
              interval 5s
              monitor tcp.monitor -p 22 -t 3
              period wd {Sun-Sat}
                  alert record.alert root@localhost
                  upalert record.alert root@localhost
                  alertafter 2
                  alertevery 1h
          service load
              description load average of the director
              interval 5s
              monitor loadavg.monitor 50 40 30 ;;
              period wd {Mon-Fri} hr {7am-7pm}
                  alert record.alert root@localhost
                  alertevery 5m

      watch g1
          service s1
              interval 1m
              monitor fping.monitor
              depend g2:s2 && g1:s3
              exclude_hosts n1
              exclude_period wd {Sun} hr {2am-4am}
              randskew 10s
              period night: wd {Sat Sun}
                  alert mail.alert root
          service s3
              interval 1m
              monitor fping.monitor
              period wd {Sun-Sat}
                  alert mail.alert root

      watch g2
          service s2
              interval 1m
              monitor fping.monitor
              period wd {Sun-Sat}
                  alert mail.alert root
      """;

  static final MonConfig MON_CONFIG = parse(CONFIG);

  private Fixture() {}

  static MonConfig parse(String text) {
    try {
      return new MonConfigParser().parse(text, Path.of("test.cf"));
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }

  static Service service(String group, String name) {
    return MON_CONFIG.service(new ServiceRef(group, name)).orElseThrow();
  }

  static ServiceRef ref(String group, String name) {
    return new ServiceRef(group, name);
  }

  /** Debian's /etc/mon/auth.cf (package mon 1.3.x), copied verbatim. */
  static String debianAuthCf() {
    return DebianAuthCf.TEXT;
  }

  static AuthConfig auth(String text) {
    try {
      return AuthConfig.parse(text, Path.of("auth.cf"));
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }

  /** A table that lets anyone run every command. */
  static AuthConfig allowAll() {
    StringBuilder b = new StringBuilder("command section\n");
    AuthConfig.COMMANDS.forEach(c -> b.append(c).append(": all\n"));
    return auth(b.toString());
  }
}
