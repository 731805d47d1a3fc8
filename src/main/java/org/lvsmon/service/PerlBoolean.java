package org.lvsmon.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates what is left of a mon dependency once every {@code group:service} term is replaced by 1
 * or 0: numbers, parentheses, {@code ! && || not and or xor}, the bitwise {@code & | ^} and the
 * numeric comparisons, with Perl's precedence. Anything else is a syntax error, mon's "eval error",
 * reported as null.
 */
final class PerlBoolean {
  private static final Set<String> WORDS = Set.of("and", "or", "xor", "not");
  private static final List<String> OPERATORS =
      List.of("&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "(", ")", "&", "|", "^");

  private final List<String> tokens;
  private int next;

  private PerlBoolean(List<String> tokens) {
    this.tokens = tokens;
  }

  /**
   * The truth of {@code expression} as Perl's {@code eval} would give it, or null if Perl would fail
   * to compile it. A blank expression evaluates to undef, which is false.
   */
  static Boolean evaluate(String expression) {
    List<String> tokens = tokenize(expression);
    if (tokens == null) {
      return null;
    }
    if (tokens.isEmpty()) {
      return false;
    }
    PerlBoolean parser = new PerlBoolean(tokens);
    try {
      double value = parser.lowOr();
      return parser.next == tokens.size() ? value != 0 : null;
    } catch (IllegalStateException syntaxError) {
      return null;
    }
  }

  private double lowOr() {
    double left = lowAnd();
    while (peek("or") || peek("xor")) {
      boolean xor = take().equals("xor");
      double right = lowAnd();
      left = xor ? truth((left != 0) != (right != 0)) : (left != 0 ? left : right);
    }
    return left;
  }

  private double lowAnd() {
    double left = lowNot();
    while (peek("and")) {
      take();
      double right = lowNot();
      left = left != 0 ? right : left;
    }
    return left;
  }

  private double lowNot() {
    if (peek("not")) {
      take();
      return truth(lowNot() == 0);
    }
    return orOr();
  }

  private double orOr() {
    double left = andAnd();
    while (peek("||")) {
      take();
      double right = andAnd();
      left = left != 0 ? left : right;
    }
    return left;
  }

  private double andAnd() {
    double left = bitOr();
    while (peek("&&")) {
      take();
      double right = bitOr();
      left = left != 0 ? right : left;
    }
    return left;
  }

  /** Perl's integer {@code |} and {@code ^}, which someone may write for {@code ||} and still work. */
  private double bitOr() {
    double left = bitAnd();
    while (peek("|") || peek("^")) {
      boolean or = take().equals("|");
      long right = (long) bitAnd();
      left = or ? ((long) left | right) : ((long) left ^ right);
    }
    return left;
  }

  private double bitAnd() {
    double left = comparison();
    while (peek("&")) {
      take();
      left = (long) left & (long) comparison();
    }
    return left;
  }

  /** Equality and relational operators, one level here as the operands are only 0/1 and numbers. */
  private double comparison() {
    double left = unary();
    while (peek("==") || peek("!=") || peek("<") || peek(">") || peek("<=") || peek(">=")) {
      String op = take();
      double right = unary();
      left = truth(switch (op) {
        case "==" -> left == right;
        case "!=" -> left != right;
        case "<" -> left < right;
        case ">" -> left > right;
        case "<=" -> left <= right;
        default -> left >= right;
      });
    }
    return left;
  }

  private double unary() {
    if (peek("!")) {
      take();
      return truth(unary() == 0);
    }
    return primary();
  }

  private double primary() {
    String token = take();
    if (token.equals("(")) {
      double value = lowOr();
      if (!take().equals(")")) {
        throw new IllegalStateException("missing )");
      }
      return value;
    }
    if (Character.isDigit(token.charAt(0))) {
      return Double.parseDouble(token);
    }
    throw new IllegalStateException("unexpected " + token);
  }

  private boolean peek(String token) {
    return next < tokens.size() && tokens.get(next).equals(token);
  }

  private String take() {
    if (next >= tokens.size()) {
      throw new IllegalStateException("unexpected end");
    }
    return tokens.get(next++);
  }

  /** Perl's true is 1 and false is "", which is 0 as a number. */
  private static double truth(boolean b) {
    return b ? 1 : 0;
  }

  /** The tokens, or null on a character Perl would not accept here. */
  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (isAsciiDigit(c)) {
        int start = i;
        while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        String number = s.substring(start, i);
        if (number.indexOf('.') != number.lastIndexOf('.')) {
          return null;
        }
        out.add(number);
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
          i++;
        }
        String word = s.substring(start, i);
        if (!WORDS.contains(word)) {
          return null; // a bareword or function name: not something a dependency should hold
        }
        out.add(word);
      } else {
        String op = operatorAt(s, i);
        if (op == null) {
          return null;
        }
        out.add(op);
        i += op.length();
      }
    }
    return out;
  }

  private static String operatorAt(String s, int i) {
    for (String op : OPERATORS) {
      if (s.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
