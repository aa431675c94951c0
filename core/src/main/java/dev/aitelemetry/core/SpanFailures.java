package dev.aitelemetry.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marks a span failed with its exception, its messages and stack trace passed through the redactor first (even
 * with content capture off): exception messages often quote what the request carried, API keys included.
 */
final class SpanFailures {
  private static final int MAX_MESSAGE_LENGTH = 1024;
  private static final int MAX_STACKTRACE_LENGTH = 16 * 1024;
  private static final int MAX_CAUSES = 8;
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private SpanFailures() {}

  /**
   * Records {@code error} as an exception event, then status ERROR (its redacted message as the description) and
   * {@code error.type}; returns the type recorded.
   */
  static String recordFailure(Span span, Throwable error, String errorType, ContentCapture capture) {
    String message = capture.redactAlways(error.getMessage(), MAX_MESSAGE_LENGTH);
    String trace = redactedStackTrace(error, capture);
    if (trace == null) {
      span.recordException(error); // nothing to redact: the SDK's own rendering, at no extra cost
    } else {
      // The stack trace repeats the messages of the exception and its causes: record it with theirs redacted.
      AttributesBuilder redacted = Attributes.builder().put(EXCEPTION_STACKTRACE, trace);
      if (message != null) {
        redacted.put(EXCEPTION_MESSAGE, message);
      }
      span.recordException(error, redacted.build());
    }
    return markFailed(span, errorType, message); // already redacted: not a second pass
  }

  /** Status ERROR with {@code description} redacted, and {@code error.type}; returns the type recorded. */
  static String fail(Span span, String errorType, String description, ContentCapture capture) {
    return markFailed(span, errorType, capture.redactAlways(description, MAX_MESSAGE_LENGTH));
  }

  /** {@code error.type} ({@code _OTHER} when blank) and status ERROR with an already redacted description. */
  private static String markFailed(Span span, String errorType, String safeDescription) {
    String type = errorType == null || errorType.isBlank() ? GenAiAttributes.ErrorTypes.OTHER : errorType;
    span.setAttribute(GenAiAttributes.ERROR_TYPE, type);
    span.setStatus(StatusCode.ERROR, safeDescription == null ? "" : safeDescription);
    return type;
  }

  /**
   * The stack trace with the redacted messages of {@code error} and its causes in place of the originals, or null
   * when the redactor changes none of them. Only messages are redacted (not the whole text), so a failing call
   * pays for a regex pass over a few short strings, and for a second rendering only when something was found.
   */
  private static String redactedStackTrace(Throwable error, ContentCapture capture) {
    Map<String, String> replacements = null;
    Throwable t = error;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      String original = t.getMessage();
      if (original != null) {
        String redacted = capture.redactAlways(original, Integer.MAX_VALUE);
        if (!original.equals(redacted)) {
          if (replacements == null) {
            replacements = new LinkedHashMap<>();
          }
          replacements.put(original, redacted == null ? "" : redacted);
        }
      }
    }
    if (replacements == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    String trace = out.toString();
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      trace = trace.replace(r.getKey(), r.getValue());
    }
    return capture.redactAlways(trace.length() > MAX_STACKTRACE_LENGTH
        ? trace.substring(0, MAX_STACKTRACE_LENGTH) : trace, MAX_STACKTRACE_LENGTH);
  }
}
