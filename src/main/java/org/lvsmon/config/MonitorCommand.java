package org.lvsmon.config;

/**
 * A service's {@code monitor} line. {@code appendHosts} is false when the line ends in {@code ;;},
 * which tells mon not to append the group's hosts to the arguments. {@code text} is the line as
 * written, which {@code list opstatus} shows.
 */
public record MonitorCommand(CommandLine command, boolean appendHosts, String text) {}
