package org.lvsmon.config;

/** A reference to one service: its watch (group) and service name. */
public record ServiceRef(String group, String service) {
  @Override
  public String toString() {
    return group + ":" + service;
  }
}
