package dev.aitelemetry.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redacts digit sequences that look like payment-card numbers and pass the Luhn checksum. */
final class PaymentCardRedactor implements Redactor {
  private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,18}\\d(?![\\d])");
  static final String REPLACEMENT = "[REDACTED_CARD]";

  @Override
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = CANDIDATE.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (passesLuhn(m.group())) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, last, m.start()).append(REPLACEMENT);
        last = m.end();
      }
    }
    if (out == null) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  static boolean passesLuhn(String candidate) {
    int sum = 0;
    int digits = 0;
    boolean doubleIt = false;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      digits++;
      doubleIt = !doubleIt;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0;
  }
}
