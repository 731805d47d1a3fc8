package org.lvsmon.alert;

/**
 * Why an alert is called. {@code historyName} is the word mon logs ({@code calling upalert ...}) and
 * keeps in the alert history; {@code envName} is the value of {@code MON_ALERTTYPE}.
 */
public enum AlertType {
  FAILURE("alert", "failure"),
  UP("upalert", "up"),
  STARTUP("startupalert", "startup"),
  ACK("ackalert", "ack"),
  DISABLE("disablealert", "disable"),
  TRAP("trapalert", "trap"),
  TRAP_TIMEOUT("traptimeoutalert", "traptimeout"),
  TEST("testalert", "test");

  private final String historyName;
  private final String envName;

  AlertType(String historyName, String envName) {
    this.historyName = historyName;
    this.envName = envName;
  }

  public String historyName() {
    return historyName;
  }

  public String envName() {
    return envName;
  }
}
