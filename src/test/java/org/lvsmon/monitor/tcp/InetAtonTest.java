package org.lvsmon.monitor.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** glibc's inet_aton forms, which Perl's inet_aton (and so mon's tcp.monitor) accepts. */
class InetAtonTest {
  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, 127.0.0.1",
      "127.1, 127.0.0.1",
      "127.0.1, 127.0.0.1",
      "2130706433, 127.0.0.1",
      "0x7f.1, 127.0.0.1",
      "0X7F.0.0.0x1, 127.0.0.1",
      "017.0.0.1, 15.0.0.1",
      "0, 0.0.0.0",
      "4294967295, 255.255.255.255",
      "1.16777215, 1.255.255.255",
      "'10.0.0.1 trailing words', 10.0.0.1",
  })
  void numbersAndDots(String text, String address) {
    assertThat(InetAton.parse(text)).map(Inet4Address::getHostAddress).contains(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "08", "0x", "1.2.3.4.5", "256.0.0.1", "4294967296", "1.16777216", "1..2", "1.2.3.", ".1",
      "::1", "a.b.c.d", "1.2.3.4x", "-1", "+1", " 1.2.3.4", "١.2.3.4"})
  void notNumbersAndDots(String text) {
    assertThat(InetAton.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "::1", "bad..name"})
  void resolve_failsWithoutANameLookupLeavingTheMachine(String host) {
    assertThat(InetAton.resolve(host)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void resolve_localhostFromTheHostsFile_isIpv4() {
    assertThat(InetAton.resolve("localhost")).map(Inet4Address::getHostAddress).contains("127.0.0.1");
  }
}
