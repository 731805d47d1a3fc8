package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is left of a dependency after substitution, evaluated as Perl would. */
class PerlBooleanTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(delimiterString = "=>", nullValues = "null", textBlock = """
      1 => true
      0 => false
      1 && 0 => false
      1 && 1 => true
      0 || 1 => true
      !1 => false
      !0 => true
      !!1 => true
      1 and 0 => false
      0 or 1 => true
      not 1 => false
      not 0 and 0 => false
      not (0 and 0) => true
      1 xor 1 => false
      1 xor 0 => true
      (1 || 0) && (0 || 0) => false
      1 || 0 && 0 => true
      0 && 0 || 1 => true
      not 1 || 1 => false
      1 or 0 and 0 => true
      1 == 1 => true
      1 != 1 => false
      2 => true
      0.0 => false
      1. => true
      '' => false
      '   ' => false
      1 && => null
      (1 => null
      1) => null
      foo => null
      1 & 0 => false
      1 & 1 => true
      0 | 1 => true
      1 ^ 1 => false
      1 &  => null
      g:s => null
      1 1 => null
      """)
  void evaluatesLikePerl(String expression, Boolean expected) {
    assertThat(PerlBoolean.evaluate(expression)).isEqualTo(expected);
  }
}
