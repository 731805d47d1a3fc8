package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;

/** mon's {@code depend}/{@code dep_ok} (reference 3.7). */
class DependencyEvaluatorTest {
  private static final String CF = """
      dep_recur_limit = 3
      hostgroup g h1

      watch g
          service root
              interval 1m
              monitor x.monitor
          service other
              interval 1m
              monitor x.monitor
          service mid
              interval 1m
              monitor x.monitor
              depend g:root
          service monly
              interval 1m
              monitor x.monitor
              depend g:root
              dep_behavior m
          service alertonly
              interval 1m
              monitor x.monitor
              alertdepend g:root
          service child
              interval 1m
              monitor x.monitor
              depend g:mid && SELF:other
          service loop1
              interval 1m
              monitor x.monitor
              depend g:loop2
          service loop2
              interval 1m
              monitor x.monitor
              depend g:loop1
          service bad
              interval 1m
              monitor x.monitor
              depend g:root &&
          service none
              interval 1m
              monitor x.monitor
      """;

  private final MonConfig config = Lab.parse(CF);
  private final Map<String, OpStatus> status = new HashMap<>();
  private final DependencyEvaluator deps = DependencyEvaluator.of(config,
      ref -> status.getOrDefault(ref.service(), OpStatus.OK));

  private Service service(String name) {
    return config.service(new ServiceRef("g", name)).orElseThrow();
  }

  @Test
  void check_noDependency_isTrue() {
    assertThat(deps.check(service("none"), DepBehavior.ALERT)).isTrue();
  }

  @Test
  void check_parentOkOrUntested_passes_parentFailing_fails() {
    assertThat(deps.check(service("mid"), DepBehavior.ALERT)).isTrue();
    status.put("root", OpStatus.UNTESTED);
    assertThat(deps.check(service("mid"), DepBehavior.ALERT)).isTrue();
    status.put("root", OpStatus.FAIL);
    assertThat(deps.check(service("mid"), DepBehavior.ALERT)).isFalse();
  }

  @Test
  void check_recursesThroughTheParentsOwnDependency() {
    assertThat(deps.check(service("child"), DepBehavior.ALERT)).isTrue();
    status.put("root", OpStatus.FAIL);
    assertThat(deps.check(service("child"), DepBehavior.ALERT)).as("mid is OK but its parent is not").isFalse();
  }

  @Test
  void check_selfTerm_wasReplacedByTheWatch() {
    status.put("other", OpStatus.TIMEOUT);
    assertThat(deps.check(service("child"), DepBehavior.ALERT)).isFalse();
  }

  @Test
  void check_dependOfOtherBehavior_isNotUsedForThisPurpose() {
    status.put("root", OpStatus.FAIL);
    assertThat(deps.check(service("monly"), DepBehavior.ALERT)).isTrue();
    assertThat(deps.check(service("monly"), DepBehavior.MONITOR)).isFalse();
  }

  @Test
  void check_alertdepend_usedForAlertPurposeOnly() {
    status.put("root", OpStatus.FAIL);
    assertThat(deps.check(service("alertonly"), DepBehavior.ALERT)).isFalse();
    assertThat(deps.check(service("alertonly"), DepBehavior.MONITOR)).isTrue();
  }

  @Test
  void check_cycle_hitsRecursionLimit_noDecision() {
    assertThat(deps.check(service("loop1"), DepBehavior.ALERT)).isNull();
  }

  @Test
  void check_syntaxError_noDecision() {
    assertThat(deps.check(service("bad"), DepBehavior.ALERT)).isNull();
  }

  @Test
  void evaluate_unknownService_countsAsFailing() {
    assertThat(deps.evaluate("g:nosuch", DepBehavior.ALERT)).isFalse();
    assertThat(deps.evaluate("!g:nosuch", DepBehavior.ALERT)).isTrue();
  }

  @Test
  void evaluate_perlOperators() {
    status.put("root", OpStatus.FAIL);
    assertThat(deps.evaluate("g:root || g:other", DepBehavior.ALERT)).isTrue();
    assertThat(deps.evaluate("g:root and g:other", DepBehavior.ALERT)).isFalse();
    assertThat(deps.evaluate("not g:root", DepBehavior.ALERT)).isTrue();
    assertThat(deps.evaluate("(g:other) && !(g:root)", DepBehavior.ALERT)).isTrue();
  }

  @Test
  void evaluate_successStatuses_followMonsSuccessTable() {
    for (OpStatus s : OpStatus.values()) {
      status.put("root", s);
      assertThat(deps.evaluate("g:root", DepBehavior.ALERT)).as(s.name()).isEqualTo(s.isSuccess());
    }
  }

  @Test
  void evaluate_termIsARegex_soItsDotMatchesAnyCharacter() {
    // mon interpolates the term into s/\b$term\b/, so a.b:c also replaces axb:c if it comes first.
    DependencyEvaluator dotted = new DependencyEvaluator(10,
        ref -> java.util.Optional.of(service("none")),
        ref -> ref.group().equals("a.b") ? OpStatus.OK : OpStatus.FAIL);

    assertThat(dotted.evaluate("a.b:c && axb:c", DepBehavior.ALERT)).isTrue();
    assertThat(dotted.evaluate("axb:c || a.b:c", DepBehavior.ALERT)).isTrue();
    assertThat(dotted.evaluate("axb:c && a.b:c", DepBehavior.ALERT)).isFalse();
  }
}
