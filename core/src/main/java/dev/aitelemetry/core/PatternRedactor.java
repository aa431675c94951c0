package dev.aitelemetry.core;

import java.util.regex.Pattern;

/** A {@link Redactor} that replaces every match of one pattern. */
final class PatternRedactor implements Redactor {
  private final Pattern pattern;
  private final String replacement;

  PatternRedactor(Pattern pattern, String replacement) {
    this.pattern = pattern;
    this.replacement = replacement;
  }

  @Override
  public String redact(String text) {
    return text == null ? null : pattern.matcher(text).replaceAll(replacement);
  }
}
