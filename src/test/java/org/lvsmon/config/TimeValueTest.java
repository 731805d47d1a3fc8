package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** mon's dhmstos time values. */
class TimeValueTest {
  @ParameterizedTest
  @CsvSource({"30s,30000", "5m,300000", "1.5h,5400000", "1d,86400000", "2D,172800000", " 10S ,10000", "0.5s,500", "0s,0"})
  void validTimeValue_parsesToItsDuration(String text, long millis) {
    assertThat(TimeValue.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"60", "5 m", "m", "-1s", "1.s", "5m #x", "1w", "''"})
  void invalidTimeValue_isEmpty(String text) {
    assertThat(TimeValue.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"10m,true", "6s,true", "1h,true", "1d,false", "1.5m,false", "10,false"})
  void alertafterForm_acceptsOnlyIntegerHms(String text, boolean accepted) {
    assertThat(TimeValue.parseInteger(text).isPresent()).isEqualTo(accepted);
  }

  @ParameterizedTest
  @CsvSource({"90,90s", "120,2m", "3600,1h", "86400,1d", "0,0s"})
  void format_choosesTheLargestExactUnit(long seconds, String text) {
    assertThat(TimeValue.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }
}
