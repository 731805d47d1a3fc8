#!/usr/bin/perl
#
# read-cf.pl - run the real mon's own config reader on config files
#
# usage: read-cf.pl FILE...
#
# Loads read_cf (and every sub of mon that it calls, such as dhmstos) from
# /usr/sbin/mon at run time - by their text, not copied into lvsmon - and runs
# it on each FILE in turn. Prints one line per FILE:
#
#   FILE<TAB>OK groups=N watches=N services=N periods=N JSON
#   FILE<TAB>ERR line=N msg=MESSAGE
#
# JSON is the parsed model in a canonical form, every value a string (seconds
# as "%.3f", lists sorted where mon keeps them in a hash, alert and
# redistribute lines split into exit range, program and arguments the way
# do_alert splits them when it calls them), so
# lvsmon's ReadCfDifferentialSystemIT can compare its own model with it.
# line=N is the line mon names in its error (for the errors mon reports
# without one, the line it had just read). mon's own warnings go to stderr.
#
# Needs the Debian packages mon (/usr/sbin/mon) and libtime-period-perl.
# MON_SCRIPT=/path/to/mon overrides /usr/sbin/mon.
#
use strict;
use warnings;

use File::Spec;
use JSON::PP;

my $MON = $ENV{MON_SCRIPT} || '/usr/sbin/mon';

if (!-f $MON) {
    die "read-cf.pl: $MON not found: install the Debian package mon\n";
}
if (!eval { require Time::Period; Time::Period->import('inPeriod'); 1 }) {
    die "read-cf.pl: Perl module Time::Period not found: install the Debian package libtime-period-perl ($@)\n";
}

#
# The file-scope variables of mon that read_cf and its callees use. With
# "use strict" below, a variable mon starts to use that is missing here makes
# loading fail with its name instead of silently misbehaving.
#
my $STAT_UNTESTED = 7;    # as init_globals sets it; read_cf only stores it
my (%opt, %CF, %groups, %watch, %alias, %views);

load_read_cf($MON);

die "usage: read-cf.pl FILE...\n" if !@ARGV;

my $json = JSON::PP->new->canonical->ascii;
$| = 1;
for my $file (@ARGV) {
    print "$file\t", read_one($file), "\n";
}
exit 0;

#
# Extract "sub read_cf { ... }" and, transitively, every sub of mon it calls,
# and compile them here, where the variables above are in scope.
#
sub load_read_cf {
    my ($path) = @_;

    open(my $fh, '<', $path) or die "read-cf.pl: cannot read $path: $!\n";
    my $src = do { local $/; <$fh> };
    close($fh);

    my %subs;
    while ($src =~ /^(sub[ \t]+(\w+)\s*\{.*?^\})[ \t]*$/msg) {
        $subs{$2} = $1;
    }

    my %load;
    my @todo = ('read_cf');
    while (@todo) {
        my $name = shift @todo;
        next if $load{$name};
        die "read-cf.pl: no \"sub $name\" in $path (is it the Debian package mon 1.3.x?)\n"
            if !exists $subs{$name};
        $load{$name} = 1;
        for my $called ($subs{$name} =~ /\b(\w+)\s*\(/g) {
            push @todo, $called if exists $subs{$called} && !$load{$called};
        }
    }

    my $code = join("\n\n", map { $subs{$_} } sort keys %load);
    # mon runs without -w; its code is compiled here as it is there
    eval "no warnings;\n$code\n1" or die "read-cf.pl: cannot compile read_cf from $path: $@\n";
}

sub read_one {
    my ($file) = @_;

    # each file starts from an empty config, as a fresh mon would
    %opt = ();
    %CF = ();
    %groups = ();
    %watch = ();
    %alias = ();
    %views = ();

    my $err = read_cf($file, 1);

    # a few of read_cf's errors name no line and leave CFG open; $. is then the
    # line it had just read
    my $cfg_line = defined(fileno(CFG)) ? $. : 0;
    close(CFG) if defined(fileno(CFG));

    if ($err ne "") {
        my $line = $err =~ /\bline (\d+)\s*$/ ? $1 : $cfg_line;
        (my $msg = $err) =~ s/([\\\n\r\t])/$1 eq "\n" ? '\\n' : $1 eq "\r" ? '\\r' : $1 eq "\t" ? '\\t' : '\\\\'/ge;
        return "ERR line=$line msg=$msg";
    }
    return summary();
}

sub summary {
    my (%services, $periods);

    for my $g (keys %watch) {
        for my $s (keys %{$watch{$g}}) {
            my $sref = $watch{$g}->{$s};
            my %p;
            for my $key (keys %{$sref->{periods} || {}}) {
                $p{$key} = period_summary($sref->{periods}->{$key});
                $periods++;
            }
            $services{"$g/$s"} = service_summary($sref, \%p);
        }
    }

    my %model = (
        groups   => { map { $_ => [map { str($_) } @{$groups{$_}}] } keys %groups },
        views    => { map { $_ => [sort keys %{$views{$_}}] } keys %views },
        aliases  => { map { $_ => [map { str($_) } @{$alias{$_}}] } keys %alias },
        globals  => globals_summary(),
        services => \%services,
    );

    return sprintf("OK groups=%d watches=%d services=%d periods=%d %s",
        scalar(keys %groups), scalar(keys %watch), scalar(keys %services),
        $periods || 0, $json->encode(\%model));
}

sub service_summary {
    my ($sref, $periods) = @_;
    return {
        interval          => secs($sref->{interval}),
        failure_interval  => secs($sref->{failure_interval}),
        monitor           => str($sref->{monitor}),
        redistribute      => command($sref->{redistribute}),
        allow_empty_group => exists $sref->{allow_empty_group} ? "1" : "0",
        description       => defined $sref->{description} ? str($sref->{description}) : "",
        exclude_hosts     => [sort keys %{$sref->{exclude_hosts}}],
        exclude_period    => str($sref->{exclude_period}),
        randskew          => secs($sref->{randskew}),
        traptimeout       => secs($sref->{traptimeout}),
        trapduration      => secs($sref->{trapduration}),
        depend            => str($sref->{depend}),
        alertdepend       => str($sref->{alertdepend}),
        monitordepend     => str($sref->{monitordepend}),
        hostdepend        => str($sref->{hostdepend}),
        dep_behavior      => str($sref->{dep_behavior}),
        dep_memory        => secs($sref->{dep_memory}),
        unack_summary     => str($sref->{unack_summary}),
        env               => { map { $_ => str($sref->{ENV}->{$_}) } keys %{$sref->{ENV} || {}} },
        has_upalert       => $sref->{_upalert} ? "1" : "0",
        periods           => $periods,
    };
}

sub period_summary {
    my ($pref) = @_;
    my %p = (
        spec              => str($pref->{period}),
        alertevery        => secs($pref->{alertevery}),
        alertevery_mode   => !$pref->{alertevery} ? "-"
                           : $pref->{_observe_detail} ? "observe_detail"
                           : $pref->{_ignore_summary} ? "ignore_summary"
                           : $pref->{_alertevery_strict} ? "strict"
                           : "summary",
        alertafter        => join("/", map { defined $_ ? $_ : "-" }
                                $pref->{alertafter_consec}, $pref->{alertafter},
                                secs($pref->{alertafterival})),
        numalerts         => str($pref->{numalerts}),
        no_comp_alerts    => $pref->{no_comp_alerts} ? "1" : "0",
        alerts_dont_count => $pref->{alerts_dont_count} ? "1" : "0",
        alertexitrange    => defined $pref->{alertexitrange} ? range($pref->{alertexitrange}) : "-",
        upalertafter      => secs($pref->{upalertafter}),
    );
    for my $kind (qw(alerts upalerts startupalerts ackalerts disablealerts)) {
        $p{$kind} = [map { alert($_) } @{$pref->{$kind}}];
    }
    return \%p;
}

#
# The global settings read_cf stored (%CF starts empty, so these are exactly
# the ones the file set), in the form lvsmon's typed values print as.
#
sub globals_summary {
    my %g;
    for my $k (keys %CF) {
        my $v = $CF{$k};
        if (!defined $v) {
            $g{$k} = "-";
        } elsif ($k eq "ALERTDIR" || $k eq "SCRIPTDIR") {
            ($g{$k} = $v) =~ s/\s*:\s*/:/g;
        } elsif ($k eq "AUTHTYPE") {
            $g{$k} = join(" ", split(' ', $v));
        } elsif ($k eq "CLIENTALLOW") {
            # the escaping client_accept applies to each pattern
            $g{$k} = join(" ", map { (my $p = $_) =~ s/([^[\\])\./$1\\./g; $p } split(' ', $v));
        } elsif ($k =~ /^(SERVPORT|TRAPPORT|MAXPROCS|MAX_KEEP|DEP_RECUR_LIMIT)$/) {
            $g{$k} = $v =~ /^\d+$/ ? str(0 + $v) : str($v);
        } elsif ($k =~ /^(RANDSTART|HISTORICTIME|CLIENT_TIMEOUT)$/) {
            $g{$k} = secs($v);
        } else {
            $g{$k} = str($v);
        }
    }
    return \%g;
}

# an alert line as do_alert splits it when it calls the alert: optional exit
# range, program, arguments
sub alert {
    my ($line) = @_;
    if ($line =~ /^exit\s*=\s*((\d+|\d+-\d+))\s/i) {
        my $range = $1;
        my ($fac, $args) = (split(/\s+/, $line, 3))[1, 2];
        return "exit=" . range($range) . " " . join(" ", grep { defined } $fac, $args);
    }
    return command($line);
}

# a program line as do_alert splits it: "program arguments", one space between
sub command {
    my ($line) = @_;
    return "" if !defined $line || $line eq "";
    my ($fac, $args) = split(/\s+/, $line, 2);
    return str(defined $args ? "$fac $args" : $fac);
}

sub range {
    my ($r) = @_;
    return str($r) if $r !~ /^\s*(\d+)(?:-(\d+))?\s*$/;
    return (0 + $1) . "-" . (defined $2 ? 0 + $2 : 0 + $1);
}

sub secs {
    my ($v) = @_;
    return "-" if !defined $v;
    return sprintf("%.3f", $v);
}

# JSON::PP would print a scalar last used as a number without quotes
sub str {
    my ($v) = @_;
    return defined $v ? "$v" : "-";
}
