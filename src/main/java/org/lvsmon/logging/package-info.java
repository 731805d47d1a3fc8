/**
 * How lvsmon's log lines look on stderr: readable lines with times on a terminal, and under systemd
 * lines that journald files by priority ({@code <3>} error ... {@code <7>} debug) without times of
 * their own. Chosen once, when logback starts ({@code logback.xml}).
 */
package org.lvsmon.logging;
