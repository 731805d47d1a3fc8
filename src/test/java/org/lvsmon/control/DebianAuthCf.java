package org.lvsmon.control;

/**
 * Debian's default {@code /etc/mon/auth.cf} (package mon 1.3.x), copied verbatim as test data:
 * sha256 {@value #SHA256}.
 */
final class DebianAuthCf {
  static final String SHA256 = "9897c421ae90f4247cbe6aab875a022b881f84508e299d8f773c161a2767c7ea";

  static final String TEXT = """
        #
        # authentication file
        #
        # entries look like this:
        # command: {user|all}[,user...]
        #
        # THE DEFAULT IT TO DENY ACCESS TO ALL IF THIS FILE
        # DOES NOT EXIST, OR IF A COMMAND IS NOT DEFINED HERE
        #

        #
        # command section
        #
        command section

        ack:		AUTH_ANY
        checkauth:	all
        clear:		AUTH_ANY
        disable:	AUTH_ANY
        dump:		AUTH_ANY
        enable:		AUTH_ANY
        get:		AUTH_ANY
        list:		all
        loadstate:	AUTH_ANY
        protid:		all
        quit:		all
        reload:		AUTH_ANY
        reset:		AUTH_ANY
        savestate:	AUTH_ANY
        servertime:	all
        set:		AUTH_ANY
        start:		AUTH_ANY
        stop:		AUTH_ANY
        term:		AUTH_ANY
        test:		AUTH_ANY
        version:	all

        #
        # trap section
        #
        # if no source hosts or users are defined, then do not
        # accept traps
        #
        trap section

        #source_host	user	password
        #
        # allow from user "mon" from any host
        # monpassword is an encrypted password from print(crypt($PASS, $SALT));
        #\s
        # * mon monpassword
        #
        # allow from host 127.0.0.1 without requiring
        # a valid username and password
        # this only applies if there is no entry for "*" IP address
        #
        # 127.0.0.1 * *
        #
        """;

  private DebianAuthCf() {}
}
