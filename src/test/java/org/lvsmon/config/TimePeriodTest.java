package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table tests for {@link TimePeriod}, all in UTC. Every expectation was checked against Perl's
 * Time::Period 1.25 ({@code TZ=UTC perl -MTime::Period -e 'print inPeriod(EPOCH, SPEC)'}), except
 * that a malformed sub-period after one that matches is rejected here but not reached by Perl.
 */
class TimePeriodTest {

  /** The columns of the measured table in mon-compat.md 2.8: Mon 06:59:59 ... Sun 12:00. */
  private static final List<ZonedDateTime> MEASURED_COLUMNS =
      List.of(
          utc("2024-01-08T06:59:59"),
          utc("2024-01-08T07:00:00"),
          utc("2024-01-08T19:59:59"),
          utc("2024-01-08T20:00:00"),
          utc("2024-01-07T12:00:00"));

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          'wd {Mon-Fri} hr {7am-7pm}'                  | 0 1 1 0 0
          'hr {7am-6pm}'                               | 0 1 0 0 1
          'wd {Mon-Fri} hr {8pm-6am}, wd {Sat-Sun}'    | 1 0 0 1 1
          'wd {2-6}'                                   | 1 1 1 1 0
          'min {0-29}'                                 | 0 1 0 1 1
          ''                                           | 1 1 1 1 1
          'none'                                       | 0 0 0 0 0
          """)
  void matchesTheMeasuredTable(String spec, String expected) throws InvalidPeriodException {
    TimePeriod period = TimePeriod.parse(spec);

    String actual =
        MEASURED_COLUMNS.stream()
            .map(t -> period.includes(t) ? "1" : "0")
            .collect(Collectors.joining(" "));

    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" at {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # A value covers its whole unit: 7pm is 19:00:00-19:59:59.
          'hr {7am-7pm}'       | 2024-01-08T06:59:59 | false
          'hr {7am-7pm}'       | 2024-01-08T07:00:00 | true
          'hr {7am-7pm}'       | 2024-01-08T19:59:59 | true
          'hr {7am-7pm}'       | 2024-01-08T20:00:00 | false
          'hr {1pm-3pm}'       | 2024-01-08T12:59:59 | false
          'hr {1pm-3pm}'       | 2024-01-08T15:59:59 | true
          'hr {1pm-3pm}'       | 2024-01-08T16:00:00 | false
          # 12am is midnight, 12noon and 12pm are noon.
          'hr {12am}'          | 2024-01-08T00:00:00 | true
          'hr {12am}'          | 2024-01-08T00:59:59 | true
          'hr {12am}'          | 2024-01-08T12:00:00 | false
          'hr {0}'             | 2024-01-08T00:30:00 | true
          'hr {12noon}'        | 2024-01-08T12:00:00 | true
          'hr {12noon}'        | 2024-01-08T12:59:59 | true
          'hr {12noon}'        | 2024-01-08T13:00:00 | false
          'hr {12noon}'        | 2024-01-08T00:30:00 | false
          'hr {12pm}'          | 2024-01-08T12:30:00 | true
          'hr {12pm}'          | 2024-01-08T00:30:00 | false
          'hr {11am}'          | 2024-01-08T11:30:00 | true
          'hr {11am}'          | 2024-01-08T23:30:00 | false
          'hr {11pm}'          | 2024-01-08T22:59:59 | false
          'hr {11pm}'          | 2024-01-08T23:00:00 | true
          'hr {11pm}'          | 2024-01-08T23:59:59 | true
          'hr {23}'            | 2024-01-08T23:30:00 | true
          # Weekdays count from 1 = Sunday to 7 = Saturday.
          'wd {1}'             | 2024-01-07T12:00:00 | true
          'wd {1}'             | 2024-01-08T12:00:00 | false
          'wd {2}'             | 2024-01-08T12:00:00 | true
          'wd {7}'             | 2024-01-06T12:00:00 | true
          'wd {7}'             | 2024-01-07T12:00:00 | false
          'wd {su}'            | 2024-01-07T12:00:00 | true
          'wd {Sunday}'        | 2024-01-07T12:00:00 | true
          'wd {Sat}'           | 2024-01-06T12:00:00 | true
          # v1 > v2 wraps around.
          'hr {8pm-6am}'       | 2024-01-08T19:59:59 | false
          'hr {8pm-6am}'       | 2024-01-08T20:00:00 | true
          'hr {8pm-6am}'       | 2024-01-08T23:59:59 | true
          'hr {8pm-6am}'       | 2024-01-08T00:00:00 | true
          'hr {8pm-6am}'       | 2024-01-08T06:59:59 | true
          'hr {8pm-6am}'       | 2024-01-08T07:00:00 | false
          'wd {Fri-Mon}'       | 2024-01-11T12:00:00 | false
          'wd {Fri-Mon}'       | 2024-01-12T12:00:00 | true
          'wd {Fri-Mon}'       | 2024-01-13T12:00:00 | true
          'wd {Fri-Mon}'       | 2024-01-14T12:00:00 | true
          'wd {Fri-Mon}'       | 2024-01-15T12:00:00 | true
          'wd {Fri-Mon}'       | 2024-01-16T12:00:00 | false
          'mo {nov-feb}'       | 2024-10-31T23:59:59 | false
          'mo {nov-feb}'       | 2024-11-01T00:00:00 | true
          'mo {nov-feb}'       | 2024-12-31T12:00:00 | true
          'mo {nov-feb}'       | 2024-01-15T12:00:00 | true
          'mo {nov-feb}'       | 2024-02-29T23:59:59 | true
          'mo {nov-feb}'       | 2024-03-01T00:00:00 | false
          'min {50-10}'        | 2024-01-08T10:49:59 | false
          'min {50-10}'        | 2024-01-08T10:50:00 | true
          'min {50-10}'        | 2024-01-08T10:10:59 | true
          'min {50-10}'        | 2024-01-08T10:11:00 | false
          'sec {58-1}'         | 2024-01-08T10:00:57 | false
          'sec {58-1}'         | 2024-01-08T10:00:58 | true
          'sec {58-1}'         | 2024-01-08T10:00:01 | true
          'sec {58-1}'         | 2024-01-08T10:00:02 | false
          'md {30-2}'          | 2024-01-30T12:00:00 | true
          'md {30-2}'          | 2024-03-01T12:00:00 | true
          'md {30-2}'          | 2024-01-03T12:00:00 | false
          'md {30-2}'          | 2024-02-29T12:00:00 | false
          'yd {360-5}'         | 2024-12-24T12:00:00 | false
          'yd {360-5}'         | 2024-12-25T12:00:00 | true
          'yd {360-5}'         | 2024-01-05T12:00:00 | true
          'yd {360-5}'         | 2024-01-06T12:00:00 | false
          'wk {5-2}'           | 2024-06-30T12:00:00 | true
          'wk {5-2}'           | 2024-06-10T12:00:00 | false
          # Month and year edges.
          'md {31}'            | 2024-01-31T12:00:00 | true
          'md {31}'            | 2024-03-31T12:00:00 | true
          'md {31}'            | 2024-04-30T12:00:00 | false
          'mo {feb} md {29}'   | 2024-02-29T12:00:00 | true
          'mo {feb} md {29}'   | 2023-02-28T12:00:00 | false
          'yd {1}'             | 2024-01-01T00:00:00 | true
          'yd {60}'            | 2024-02-29T12:00:00 | true
          'yd {60}'            | 2024-03-01T12:00:00 | false
          'yd {60}'            | 2023-03-01T12:00:00 | true
          'yd {365}'           | 2024-12-30T12:00:00 | true
          'yd {365}'           | 2024-12-31T12:00:00 | false
          'yd {365}'           | 2023-12-31T12:00:00 | true
          'yd {366}'           | 2024-12-30T12:00:00 | false
          'yd {366}'           | 2024-12-31T23:59:59 | true
          'yd {366}'           | 2023-12-31T12:00:00 | false
          # Weeks start on Sunday; the 1st is always in week 1, even when it is a Sunday.
          'wk {1}'             | 2024-06-01T12:00:00 | true
          'wk {1}'             | 2024-06-02T12:00:00 | false
          'wk {2}'             | 2024-06-02T12:00:00 | true
          'wk {5}'             | 2024-06-29T12:00:00 | true
          'wk {6}'             | 2024-06-30T12:00:00 | true
          'wk {1}'             | 2024-09-01T12:00:00 | true
          'wk {1}'             | 2024-09-07T23:59:59 | true
          'wk {2}'             | 2024-09-08T00:00:00 | true
          # Minutes and seconds.
          'min {0-29}'         | 2024-01-08T10:29:59 | true
          'min {0-29}'         | 2024-01-08T10:30:00 | false
          'sec {0-4 10-14}'    | 2024-01-08T10:00:04 | true
          'sec {0-4 10-14}'    | 2024-01-08T10:00:05 | false
          'sec {0-4 10-14}'    | 2024-01-08T10:00:14 | true
          # Years: 0-99 take the current century, and a reversed range never wraps.
          'yr {24}'            | 2024-06-15T12:00:00 | true
          'yr {24}'            | 2023-06-15T12:00:00 | false
          'yr {2024}'          | 2024-06-15T12:00:00 | true
          'yr {0}'             | 2000-06-15T12:00:00 | true
          'yr {0}'             | 2024-06-15T12:00:00 | false
          'yr {23-25}'         | 2024-06-15T12:00:00 | true
          'yr {25-23}'         | 2024-06-15T12:00:00 | true
          'yr {25-23}'         | 2026-06-15T12:00:00 | false
          'yr {30-20}'         | 2024-06-15T12:00:00 | true
          'yr {30-20}'         | 2031-06-15T12:00:00 | false
          'yr {99-1972}'       | 2024-06-15T12:00:00 | true
          'yr {99-1972}'       | 1999-06-15T12:00:00 | true
          'yr {99-1972}'       | 1971-06-15T12:00:00 | false
          'year {1970-2000}'   | 2000-12-31T23:59:59 | true
          'year {1970-2000}'   | 2001-01-01T00:00:00 | false
          # Different scales are ANDed, a repeated scale and comma-separated sub-periods are ORed.
          'wd {mon} hr {9}'                        | 2024-01-08T09:30:00 | true
          'wd {mon} hr {9}'                        | 2024-01-09T09:30:00 | false
          'wd {mon} hr {9}'                        | 2024-01-08T10:00:00 | false
          'hr {1} hr {3}'                          | 2024-01-08T01:00:00 | true
          'hr {1} hr {3}'                          | 2024-01-08T02:00:00 | false
          'hr {1} hr {3}'                          | 2024-01-08T03:00:00 | true
          'wd {mon} hr {1} wd {tue}'               | 2024-01-09T01:30:00 | true
          'wd {mon} hr {1} wd {tue}'               | 2024-01-10T01:30:00 | false
          'mo {Jan Feb} mo {Nov Dec}'              | 2024-12-01T00:00:00 | true
          'mo {Jan Feb} mo {Nov Dec}'              | 2024-03-01T00:00:00 | false
          'wd {Mon Wed Fri} hr {9am-4pm}, wd{Tue Thu} hr {9am-2pm}' | 2024-01-09T14:59:59 | true
          'wd {Mon Wed Fri} hr {9am-4pm}, wd{Tue Thu} hr {9am-2pm}' | 2024-01-09T15:00:00 | false
          'wd {Mon Wed Fri} hr {9am-4pm}, wd{Tue Thu} hr {9am-2pm}' | 2024-01-10T16:59:59 | true
          'wd {Mon Wed Fri} hr {9am-4pm}, wd{Tue Thu} hr {9am-2pm}' | 2024-01-07T12:00:00 | false
          # Case and whitespace are free; long and short scale names mix.
          'wd{Mon-Fri}hr{7am-7pm}'                 | 2024-01-08T07:00:00 | true
          'wd{Mon-Fri}hr{7am-7pm}'                 | 2024-01-07T07:00:00 | false
          'WD {MON-FRI}'                           | 2024-01-08T12:00:00 | true
          'WD {MON-FRI}'                           | 2024-01-07T12:00:00 | false
          '  Wday  {  mon  -  fri  }  hour{ 7AM - 7PM } ' | 2024-01-08T19:59:59 | true
          '  Wday  {  mon  -  fri  }  hour{ 7AM - 7PM } ' | 2024-01-08T20:00:00 | false
          'wd\t{\tsun\t}'                         | 2024-01-07T12:00:00 | true
          'MONTH {January} Minute {0-29}'          | 2024-01-08T12:29:00 | true
          # Only 2 letters of a weekday and 3 of a month count.
          'wd {Fry}'                               | 2024-01-12T12:00:00 | true
          'wd {Fry}'                               | 2024-01-11T12:00:00 | false
          'wd {Mon-Fry}'                           | 2024-01-12T12:00:00 | true
          'mo {Decimal}'                           | 2024-12-01T12:00:00 | true
          # Oddities Perl accepts.
          'wd {}'                                  | 2024-01-08T12:00:00 | false
          'wd {} , hr {12}'                        | 2024-01-08T12:00:00 | true
          'hr {} hr {12}'                          | 2024-01-08T12:30:00 | true
          ','                                      | 2024-01-08T12:00:00 | false
          'wd {mon},'                              | 2024-01-08T12:00:00 | true
          'hr {13am}'                              | 2024-01-08T13:00:00 | true
          'hr {0pm}'                               | 2024-01-08T12:00:00 | true
          'hr {00am}'                              | 2024-01-08T00:00:00 | true
          'mo {jan-feb-mar}'                       | 2024-03-15T12:00:00 | true
          'mo {jan-feb-mar}'                       | 2024-04-15T12:00:00 | false
          'yd {5x}'                                | 2024-01-05T12:00:00 | true
          'yd {+5}'                                | 2024-01-05T12:00:00 | true
          'yd {5.0}'                               | 2024-01-05T12:00:00 | true
          'yd {.5e1}'                              | 2024-01-05T12:00:00 | true
          'yd {5.000000000000002}'                 | 2024-01-05T12:00:00 | false
          'yd {5.000000000000002}'                 | 2024-01-04T12:00:00 | false
          """)
  void includesExactlyWhatTimePeriodIncludes(String spec, String localTime, boolean expected)
      throws InvalidPeriodException {
    assertThat(TimePeriod.parse(spec).includes(utc(localTime))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''        | true
          '   '     | true
          '\t '     | true
          'none'    | false
          'NONE'    | false
          ' None  ' | false
          """)
  void blankIsAlwaysAndNoneIsNever(String spec, boolean expected) throws InvalidPeriodException {
    TimePeriod period = TimePeriod.parse(spec);

    assertThat(MEASURED_COLUMNS)
        .allSatisfy(t -> assertThat(period.includes(t)).isEqualTo(expected));
    assertThat(period.includes(utc("2024-02-29T23:59:59"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          'hr {25}'       | bad value "25" for scale "hr" (expected 0-23 or 12am..11pm)
          'hr {20-25}'    | bad value "25" in "20-25" for scale "hr" (expected 0-23 or 12am..11pm)
          'hr {24}'       | bad value "24" for scale "hr" (expected 0-23 or 12am..11pm)
          'hr {13pm}'     | bad value "13pm" for scale "hr" (expected 0-23 or 12am..11pm)
          'hr {11noon}'   | bad value "11noon" for scale "hr" (expected 0-23 or 12am..11pm)
          'hr {7 am}'     | bad value "am" for scale "hr" (expected 0-23 or 12am..11pm)
          'mo {13}'       | bad value "13" for scale "mo" (expected 1-12 or jan..dec)
          'mo {0}'        | bad value "0" for scale "mo" (expected 1-12 or jan..dec)
          'mo {ja}'       | bad value "ja" for scale "mo" (expected 1-12 or jan..dec)
          'mo {foo-dec}'  | bad value "foo" in "foo-dec" for scale "mo" (expected 1-12 or jan..dec)
          'month {1jan}'  | bad value "1jan" for scale "month" (expected 1-12 or jan..dec)
          'wd {0}'        | bad value "0" for scale "wd" (expected 1-7 with 1=Sunday, or su..sa)
          'wd {8}'        | bad value "8" for scale "wd" (expected 1-7 with 1=Sunday, or su..sa)
          'wd {xx}'       | bad value "xx" for scale "wd" (expected 1-7 with 1=Sunday, or su..sa)
          'WD {M}'        | bad value "M" for scale "WD" (expected 1-7 with 1=Sunday, or su..sa)
          'wd {*}'        | bad value "*" for scale "wd" (expected 1-7 with 1=Sunday, or su..sa)
          'wk {0}'        | bad value "0" for scale "wk" (expected 1-6)
          'wk {7}'        | bad value "7" for scale "wk" (expected 1-6)
          'yd {0}'        | bad value "0" for scale "yd" (expected 1-366)
          'yd {367}'      | bad value "367" for scale "yd" (expected 1-366)
          'yd {1.5}'      | bad value "1.5" for scale "yd" (expected 1-366)
          'yd {x}'        | bad value "x" for scale "yd" (expected 1-366)
          'yd {5x-9}'     | bad value "5x" in "5x-9" for scale "yd" (expected 1-366)
          'md {0}'        | bad value "0" for scale "md" (expected 1-31)
          'md {32}'       | bad value "32" for scale "md" (expected 1-31)
          'md {5x}'       | bad value "5x" for scale "md" (expected 1-31)
          'min {60}'      | bad value "60" for scale "min" (expected 0-59)
          'sec {0-60}'    | bad value "60" in "0-60" for scale "sec" (expected 0-59)
          'yr {1969}'     | bad value "1969" for scale "yr" (expected 0-99 or a year >= 1970)
          'yr {100}'      | bad value "100" for scale "yr" (expected 0-99 or a year >= 1970)
          'yr {5-x}'      | bad value "x" in "5-x" for scale "yr" (expected 0-99 or a year >= 1970)
          'wd {mon-}'     | bad range "mon-" for scale "wd" (expected v or v-v)
          'wd {-fri}'     | bad range "-fri" for scale "wd" (expected v or v-v)
          'wd {mo - tu - we}' | bad range "-" for scale "wd" (expected v or v-v)
          # A later clause or sub-period is checked too, even where an earlier one decides.
          'wd {1} hr {25}' | bad value "25" for scale "hr" (expected 0-23 or 12am..11pm)
          'hr {0-23}, hr {25}' | bad value "25" for scale "hr" (expected 0-23 or 12am..11pm)
          """)
  void rejectsMalformedValues(String spec, String message) {
    assertRejected(spec, message);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          'wd {1'            | unbalanced braces: missing "}" after "{1"
          'wd {1}}'          | unbalanced braces: unexpected "}" in "wd {1}}"
          'wd {1 {2}}'       | unbalanced braces: "{" inside "{...}" in "wd {1 {2}}"
          'wd 1}'            | expected "{" after scale "wd" but found "1}"
          'wd'               | missing "{...}" after scale "wd"
          'wd {Mon-Fri} hr'  | missing "{...}" after scale "hr"
          '{1}'              | missing scale name before "{1}"
          'wd {1} {2}'       | missing scale name before "{2}"
          'wd {1} 5'         | expected a scale name at "5"
          'wd {1,2}'         | "," inside braces in "wd {1,2}" (separate values with spaces)
          ',wd {1}'          | empty sub-period (stray ",")
          'wd {1},,hr {2}'   | empty sub-period (stray ",")
          'none, wd {1}'     | "none" must be the whole period, not one of several sub-periods
          'none,'            | "none" must be the whole period, not one of several sub-periods
          """)
  void rejectsMalformedStructure(String spec, String message) {
    assertRejected(spec, message);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          'foo {1}'   | foo
          'w {1}'     | w
          'hours {1}' | hours
          'Days {1}'  | Days
          """)
  void rejectsUnknownScalesListingTheKnownOnes(String spec, String name) {
    assertRejected(
        spec,
        "unknown scale \""
            + name
            + "\" (expected year/yr, month/mo, week/wk, yday/yd, mday/md, wday/wd, hour/hr,"
            + " minute/min or second/sec)");
  }

  @Test
  void evaluatesInTheZoneOfTheGivenTime() throws InvalidPeriodException {
    TimePeriod businessHours = TimePeriod.parse("wd {Mon-Fri} hr {7am-7pm}");
    Instant sundayNightInUtc = Instant.parse("2024-01-07T23:30:00Z");

    assertThat(businessHours.includes(sundayNightInUtc.atZone(ZoneOffset.UTC))).isFalse();
    assertThat(businessHours.includes(sundayNightInUtc.atZone(ZoneId.of("Asia/Tokyo")))).isTrue();
  }

  @Test
  void identityIsTheSpecText() throws InvalidPeriodException {
    TimePeriod period = TimePeriod.parse(" wd {Mon-Fri} ");

    assertThat(period.spec()).isEqualTo(" wd {Mon-Fri} ");
    assertThat(period).hasToString(" wd {Mon-Fri} ");
    assertThat(period).isEqualTo(TimePeriod.parse(" wd {Mon-Fri} "));
    assertThat(period).hasSameHashCodeAs(TimePeriod.parse(" wd {Mon-Fri} "));
    assertThat(period).isNotEqualTo(TimePeriod.parse("wd {Mon-Fri}"));
    assertThat(TimePeriod.parse("")).isEqualTo(TimePeriod.ALWAYS);
    assertThat(TimePeriod.ALWAYS.spec()).isEmpty();
    assertThat(TimePeriod.ALWAYS.includes(utc("2024-02-29T00:00:00"))).isTrue();
  }

  private static void assertRejected(String spec, String message) {
    assertThatThrownBy(() -> TimePeriod.parse(spec))
        .isInstanceOf(InvalidPeriodException.class)
        .hasMessage(message);
  }

  private static ZonedDateTime utc(String localTime) {
    return LocalDateTime.parse(localTime).atZone(ZoneOffset.UTC);
  }
}
