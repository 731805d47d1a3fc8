package org.lvsmon.balance;

import java.time.Duration;

/**
 * How a {@code balance} service turns health and load into IPVS weights (see {@link
 * WeightController}). Immutable; validated on construction.
 *
 * @param floor weight of a healthy server at or above {@code fullLoad}, and where a recovered
 *     server starts; at least 1, so load alone never takes a healthy server out
 * @param ceiling weight of an idle healthy server
 * @param fullLoad 1-minute load per CPU at which a healthy server is down to {@code floor}
 * @param smoothing time constant of the load's exponential moving average (zero: none)
 * @param deadband weight changes this small or smaller are not made
 * @param maxStep largest change of a healthy server's weight in one update
 * @param slowStart time over which a recovered server's weight may climb from floor to ceiling
 * @param failStatic when at least this fraction of the real servers fail in one result (and more
 *     than one server), keep the last weights instead of emptying the pool; NaN: never
 */
public record BalancePolicy(int floor, int ceiling, double fullLoad, Duration smoothing, int deadband, int maxStep,
    Duration slowStart, double failStatic) {
  /** IPVS takes weights up to INT_MAX; ipvsadm documents 0..65535. */
  public static final int MAX_WEIGHT = 65535;

  public static final BalancePolicy DEFAULTS = new BalancePolicy(1, 100, 2.0, Duration.ofSeconds(30), 2, 25,
      Duration.ofSeconds(60), 1.0);

  public BalancePolicy {
    if (floor < 1 || ceiling < floor || ceiling > MAX_WEIGHT) {
      throw new IllegalArgumentException("weights must be 1 <= floor (" + floor + ") <= ceiling (" + ceiling + ") <= "
          + MAX_WEIGHT);
    }
    if (!(fullLoad > 0 && fullLoad < 1e6)) {
      throw new IllegalArgumentException("full load per CPU must be above 0, not " + fullLoad);
    }
    if (smoothing.isNegative() || slowStart.isNegative()) {
      throw new IllegalArgumentException("smoothing and slow start must not be negative");
    }
    if (deadband < 0 || maxStep < 1) {
      throw new IllegalArgumentException("deadband must be >= 0 and the step limit >= 1");
    }
    if (!Double.isNaN(failStatic) && !(failStatic > 0 && failStatic <= 1)) {
      throw new IllegalArgumentException("fail-static fraction must be in (0, 1], not " + failStatic);
    }
  }

  /**
   * The target weight for a smoothed 1-minute load per CPU: {@code ceiling} when idle, falling in a
   * straight line to {@code floor} at {@code fullLoad}, {@code floor} above. Absolute: the same load
   * always gives the same target, whatever the weight was.
   */
  public int target(double loadPerCpu) {
    double free = 1 - Math.max(0, loadPerCpu) / fullLoad;
    if (!(free > 0)) {
      return floor;
    }
    return (int) Math.round(floor + (ceiling - floor) * Math.min(1, free));
  }
}
