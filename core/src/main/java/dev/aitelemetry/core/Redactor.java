package dev.aitelemetry.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rewrites text before it is recorded on a span. It runs in two cases:
 *
 * <ul>
 *   <li>captured content (prompts, completions, system instructions, tool definitions, tool arguments and results,
 *       memory and retrieval queries and record lists), only when content capture is enabled, before truncation;
 *   <li>exception messages, exception stack traces and span status descriptions, always, whether or not content
 *       capture is enabled: messages often quote what the request carried, credentials included.
 * </ul>
 *
 * <p>Implementations must be thread-safe. If one throws, the text is never recorded unredacted: captured content
 * is dropped, and an exception message, stack trace or status description is replaced by {@code [redaction
 * failed]}. The instrumented call is not affected either way.
 */
@FunctionalInterface
public interface Redactor {

  /**
   * The text to record instead of {@code text}.
   *
   * @param text the text about to be recorded, never null
   * @return the text to record, not null for a non-null input (a null result drops the text)
   */
  String redact(String text);

  /**
   * This redactor, then {@code next}.
   *
   * @param next the redactor applied to this one's result
   * @return a redactor that applies both, in this order
   */
  default Redactor andThen(Redactor next) {
    Objects.requireNonNull(next, "next");
    return text -> next.redact(redact(text));
  }

  /** Records text unchanged: neither content nor exception messages, stack traces and descriptions are redacted. */
  static Redactor none() {
    return text -> text;
  }

  /**
   * All built-in redactors: {@link #emailAddresses()}, {@link #bearerTokens()}, {@link #apiKeys()}, {@link
   * #credentialAssignments()} and {@link #paymentCardNumbers()}. This is the default of {@link
   * AiTelemetryBuilder#redactor(Redactor)}, used whether or not content capture is enabled.
   */
  static Redactor defaults() {
    return bearerTokens().andThen(apiKeys()).andThen(credentialAssignments()).andThen(emailAddresses())
        .andThen(paymentCardNumbers());
  }

  /**
   * Replaces the value of a credential written as a key/value pair, whatever the value's format — {@code
   * api-key=…}, {@code "api_key": "…"}, {@code Authorization: Basic …}, {@code x-api-key: …}, {@code password=…},
   * {@code secret: …}, {@code access_token=…} — with {@code [REDACTED_SECRET]}: an error body that quotes a
   * gateway's {@code api-key} header must not carry it into a span.
   */
  static Redactor credentialAssignments() {
    return new PatternRedactor(
        Pattern.compile("(?i)\\b((?:x-)?api[-_]?key|authorization|access[-_]?token|client[-_]?secret|secret"
            + "|password)(\\s*[\"']?\\s*[:=]\\s*[\"']?\\s*(?:(?:basic|bearer|token)\\s+)?)[^\\s\"',;&]{4,}"),
        "$1$2[REDACTED_SECRET]");
  }

  /** Replaces e-mail addresses with {@code [REDACTED_EMAIL]}. */
  static Redactor emailAddresses() {
    return new PatternRedactor(
        // A match starts only where a run of local-part characters starts and takes the whole run (possessive):
        // linear time on long runs (a 10 MB argument took seconds with a bounded {1,64} tried at every offset).
        Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*"
            + "\\.[A-Za-z]{2,24}"),
        "[REDACTED_EMAIL]");
  }

  /** Replaces the token of {@code Bearer <token>} (HTTP authorization) with {@code [REDACTED_TOKEN]}. */
  static Redactor bearerTokens() {
    return new PatternRedactor(
        Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"), "$1[REDACTED_TOKEN]");
  }

  /**
   * Replaces API-key-like strings with {@code [REDACTED_KEY]}: OpenAI and Anthropic ({@code sk-…}), AWS access
   * key ids ({@code AKIA…}/{@code ASIA…}), Google ({@code AIza…}), GitHub ({@code ghp_…} and friends), Slack
   * ({@code xox…}).
   */
  static Redactor apiKeys() {
    return new PatternRedactor(
        Pattern.compile(
            "\\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_\\-]{16,}"
                + "|(?:AKIA|ASIA)[A-Z0-9]{16}"
                + "|AIza[0-9A-Za-z_\\-]{35}"
                + "|gh[pousr]_[A-Za-z0-9]{30,}"
                + "|xox[abposr]-[A-Za-z0-9\\-]{10,})"),
        "[REDACTED_KEY]");
  }

  /**
   * Replaces payment-card numbers (13 to 19 digits, optionally grouped by spaces or dashes, passing the Luhn
   * check) with {@code [REDACTED_CARD]}. Digit runs that fail the Luhn check, such as ids and timestamps, stay.
   */
  static Redactor paymentCardNumbers() {
    return new PaymentCardRedactor();
  }
}
