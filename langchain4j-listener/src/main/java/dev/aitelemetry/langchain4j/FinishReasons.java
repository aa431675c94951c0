package dev.aitelemetry.langchain4j;

import dev.langchain4j.model.output.FinishReason;

/** Maps LangChain4j's {@link FinishReason} to the semconv finish reasons of output messages and spans. */
final class FinishReasons {
  private FinishReasons() {}

  /**
   * {@code stop}, {@code length}, {@code tool_call}, {@code content_filter} or {@code error}; null when the
   * provider sent none. {@code OTHER} (a reason LangChain4j could not map) becomes {@code error}, the one semconv
   * value for "not a normal stop".
   */
  static String of(FinishReason reason) {
    if (reason == null) {
      return null;
    }
    switch (reason.name()) {
      case "STOP":
        return "stop";
      case "LENGTH":
        return "length";
      case "TOOL_EXECUTION":
        return "tool_call";
      case "CONTENT_FILTER":
        return "content_filter";
      default:
        return "error";
    }
  }
}
