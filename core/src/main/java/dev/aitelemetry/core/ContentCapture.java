package dev.aitelemetry.core;

/**
 * Decides whether content (prompts, completions, tool arguments and results, memory queries) is recorded, and
 * prepares it: redaction first, then truncation that keeps JSON valid. A redactor failure drops the value.
 */
final class ContentCapture {
  private final boolean enabled;
  private final Redactor redactor;
  private final JsonTruncator truncator;
  private final InternalErrors errors;

  ContentCapture(boolean enabled, int maxLength, Redactor redactor, InternalErrors errors) {
    this.enabled = enabled;
    this.redactor = redactor;
    this.truncator = new JsonTruncator(maxLength);
    this.errors = errors;
  }

  boolean enabled() {
    return enabled;
  }

  /**
   * Text that is recorded whether or not content capture is on — exception messages and stack traces, error
   * descriptions — passed through the redactor (a secret or an e-mail address in an exception message must not
   * leak either) and cut to {@code maxLength}. A redactor failure yields a placeholder, never the raw text.
   */
  String redactAlways(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String redacted;
    try {
      redacted = redactor.redact(text);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      errors.report("Redactor.redact", e);
      return "[redaction failed]";
    }
    if (redacted == null) {
      return null;
    }
    if (redacted.length() <= maxLength) {
      return redacted;
    }
    int end = Character.isHighSurrogate(redacted.charAt(maxLength - 2)) ? maxLength - 2 : maxLength - 1;
    return redacted.substring(0, end) + JsonTruncator.MARK;
  }

  /** The value to record, or null when capture is off, the value is null, or redaction failed. */
  String prepare(String content) {
    if (!enabled || content == null) {
      return null;
    }
    String redacted;
    try {
      redacted = redactor.redact(content);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      errors.report("Redactor.redact", e);
      return null;
    }
    if (redacted == null) {
      return null;
    }
    try {
      return truncator.truncate(redacted);
    } catch (RuntimeException | StackOverflowError e) {
      errors.report("content truncation", e);
      return null;
    }
  }
}
