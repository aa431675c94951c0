package dev.aitelemetry.cost;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Validates the values a price is made of: non-negative finite per-million amounts, ISO 4217 currency codes and
 * long-context thresholds. One place, so the builder API and both file readers reject exactly the same input.
 */
final class PriceValues {

  private PriceValues() {}

  /** Parses a per-million price written as text, e.g. {@code "2.50"}; NaN, infinities and negatives are refused. */
  static BigDecimal parse(String field, String text) {
    if (text == null) {
      throw new PriceValueException(field, "expected a non-negative number, got null");
    }
    BigDecimal value;
    try {
      // BigDecimal's own grammar refuses "NaN" and "Infinity", which is exactly what we want.
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new PriceValueException(field, "expected a non-negative number, got \"" + text + "\"");
    }
    return check(field, value, "\"" + text + "\"");
  }

  /** Checks a per-million price given as a number. */
  static BigDecimal check(String field, BigDecimal value) {
    return check(field, value, value == null ? "null" : value.toPlainString());
  }

  private static BigDecimal check(String field, BigDecimal value, String shown) {
    if (value == null) {
      throw new PriceValueException(field, "expected a non-negative number, got null");
    }
    if (value.signum() < 0) {
      throw new PriceValueException(field, "expected a non-negative number, got " + shown);
    }
    // Stored without trailing zeros so that equal prices are equal objects and products stay short.
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  /** Checks that {@code code} is an ISO 4217 currency code known to the JDK, e.g. {@code USD}. */
  static String currency(String field, String code) {
    if (code == null) {
      throw new PriceValueException(field, "expected an ISO 4217 currency code, got null");
    }
    try {
      return Currency.getInstance(code).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      throw new PriceValueException(field, "expected an ISO 4217 currency code such as \"USD\", got \"" + code + "\"");
    }
  }

  /** Checks a long-context threshold: a positive number of input tokens. */
  static long threshold(String field, long aboveInputTokens) {
    if (aboveInputTokens <= 0) {
      throw new PriceValueException(field, "expected a positive whole number of tokens, got " + aboveInputTokens);
    }
    return aboveInputTokens;
  }
}
