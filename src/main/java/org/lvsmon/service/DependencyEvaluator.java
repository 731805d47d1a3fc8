package org.lvsmon.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.Dependency;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;

/**
 * mon's dependency check ({@code dep_ok} over {@code depend}): every {@code group:service} term of
 * an expression becomes 1 if that service passes, else 0, and the rest is evaluated as a Perl
 * boolean.
 * A term passes when its status is a success and, if it has a dependency of the same purpose, that
 * one holds too, recursively up to {@code dep_recur_limit}. Pure; thread-safe if the lookups are.
 */
public final class DependencyEvaluator {
  /** mon's term pattern; the expression is scanned once, before any substitution. */
  private static final Pattern TERM = Pattern.compile("[a-zA-Z0-9_.-]+:[a-zA-Z0-9_.-]+");

  /** mon's default {@code dep_recur_limit}. */
  public static final int DEFAULT_RECUR_LIMIT = 10;

  private final int recurLimit;
  private final Function<ServiceRef, Optional<Service>> services;
  private final Function<ServiceRef, OpStatus> statuses;

  /**
   * @param recurLimit {@code dep_recur_limit}: the deepest recursion allowed before "no decision"
   * @param services the configured service of a reference, empty if there is none
   * @param statuses the current status of a configured service (null counts as failing)
   */
  public DependencyEvaluator(int recurLimit, Function<ServiceRef, Optional<Service>> services,
      Function<ServiceRef, OpStatus> statuses) {
    this.recurLimit = recurLimit;
    this.services = Objects.requireNonNull(services, "services");
    this.statuses = Objects.requireNonNull(statuses, "statuses");
  }

  /** An evaluator over a parsed config, with its {@code dep_recur_limit} or mon's default. */
  public static DependencyEvaluator of(MonConfig config, Function<ServiceRef, OpStatus> statuses) {
    Integer limit = config.globals().depRecurLimit();
    return new DependencyEvaluator(
        limit == null ? DEFAULT_RECUR_LIMIT : limit, config::service, statuses);
  }

  /**
   * mon's {@code dep_ok}: the service's dependency for {@code purpose} ({@link DepBehavior#ALERT}: its
   * {@code depend} under {@code dep_behavior a}, else its {@code alertdepend}; {@link
   * DepBehavior#MONITOR} likewise with {@code m} and {@code monitordepend}). True when it has none;
   * null for "no decision" (an eval error or the recursion limit), which leaves the last status.
   */
  public Boolean check(Service service, DepBehavior purpose) {
    String expression = expressionFor(service, purpose);
    return expression.isEmpty() ? Boolean.TRUE : evaluate(expression, purpose);
  }

  /** The truth of one expression for {@code purpose}; null for "no decision". */
  public Boolean evaluate(String expression, DepBehavior purpose) {
    Result r = depend(expression, 0, purpose);
    return r == Result.NO_DECISION ? null : r == Result.TRUE;
  }

  private enum Result { TRUE, FALSE, NO_DECISION }

  private Result depend(String expression, int depth, DepBehavior purpose) {
    if (depth > recurLimit) {
      return Result.NO_DECISION;
    }
    String substituted = expression;
    for (String term : terms(expression)) {
      int colon = term.indexOf(':');
      ServiceRef ref = new ServiceRef(term.substring(0, colon), term.substring(colon + 1));
      Optional<Service> service = services.apply(ref);
      boolean passes = isSuccess(service.isPresent() ? statuses.apply(ref) : null);
      String sub = service.map(s -> expressionFor(s, purpose)).orElse("");
      if (!sub.isEmpty()) {
        Result parent = depend(sub, depth + 1, purpose);
        if (parent == Result.NO_DECISION) {
          return parent;
        }
        passes = passes && parent == Result.TRUE;
      }
      // mon interpolates the term into a regex as is, so '.' matches any character there too.
      substituted = Pattern.compile("\\b" + term + "\\b").matcher(substituted)
          .replaceAll(Matcher.quoteReplacement(passes ? "1" : "0"));
    }
    Boolean value = PerlBoolean.evaluate(substituted);
    return value == null ? Result.NO_DECISION : value ? Result.TRUE : Result.FALSE;
  }

  private static List<String> terms(String expression) {
    List<String> terms = new ArrayList<>();
    Matcher m = TERM.matcher(expression);
    while (m.find()) {
      terms.add(m.group());
    }
    return terms;
  }

  private static boolean isSuccess(OpStatus status) {
    return status != null && status.isSuccess();
  }

  private static String expressionFor(Service service, DepBehavior purpose) {
    if (service.depend() != null && service.depBehavior() == purpose) {
      return text(service.depend());
    }
    if (purpose == DepBehavior.ALERT && service.alertDepend() != null) {
      return text(service.alertDepend());
    }
    if (purpose == DepBehavior.MONITOR && service.monitorDepend() != null) {
      return text(service.monitorDepend());
    }
    return "";
  }

  private static String text(Dependency d) {
    return d.expression() == null ? "" : d.expression();
  }
}
