package dev.aitelemetry.langchain4j;

import dev.langchain4j.exception.HttpException;

/**
 * Chooses {@code error.type} for a failed call: the HTTP status code when the exception (or one of its causes)
 * carries one, else the exception's class name. Never the message: metric labels stay low-cardinality.
 */
final class ErrorTypes {
  private ErrorTypes() {}

  static String of(Throwable error) {
    // LangChain4j maps HTTP failures to RateLimitException, InternalServerException, ... whose cause is the
    // HttpException with the status; walk a few causes, guarding against cycles.
    Throwable t = error;
    for (int depth = 0; t != null && depth < 8; depth++) {
      if (t instanceof HttpException) {
        return Integer.toString(((HttpException) t).statusCode());
      }
      if (t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    return error == null ? null : error.getClass().getName();
  }
}
