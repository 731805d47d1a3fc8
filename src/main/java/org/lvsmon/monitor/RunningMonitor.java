package org.lvsmon.monitor;

import java.time.Instant;
import org.lvsmon.config.ServiceRef;

/**
 * A monitor process running now: its service, its pid (which is also its process group id) and
 * when it started. {@code list pids} prints {@code group service pid} from it.
 */
public record RunningMonitor(ServiceRef service, long pid, Instant started) {}
